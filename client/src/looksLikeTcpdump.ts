// No editor imports: unit-tested directly.

/** A packet line: optional `-#` number, a timestamp, then a link or network word or an address pair. */
const PACKET_LINE =
  /^\s*(?:\d+ {2})?(?:\d{4}-\d{2}-\d{2} |[ -])?(?:\d{2}:\d{2}:\d{2}\.\d{6,9}|\d{9,}\.\d{6,9}) (?:\S+ +(?:In|Out|B|M|P) +)?(?:IP6? |ARP|ifindex |[0-9a-f]{2}(?::[0-9a-f]{2}){5} )/;
/** `-t` output has no timestamp: accept only lines that carry a TCP or UDP header. */
const UNTIMED_PACKET_LINE = /^\s*(?:\d+ {2})?IP6? \S+ > \S+: (?:Flags \[|tcp \d|UDP)/;
const BANNER =
  /^(?:listening on \S+, link-type |reading from file .*, link-type |tcpdump: verbose output suppressed)/;

/**
 * True when the first non-empty lines of a text look like tcpdump output: a banner, or at least
 * two packet lines among the first ten non-empty lines (one, if the text has only one line).
 */
export function looksLikeTcpdump(text: string): boolean {
  const lines = text
    .slice(0, 20_000)
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim().length > 0)
    .slice(0, 10);
  if (lines.length === 0) return false;
  if (BANNER.test(lines[0]!)) return true;
  const packets = lines.filter((l) => PACKET_LINE.test(l) || UNTIMED_PACKET_LINE.test(l)).length;
  return packets >= Math.min(2, lines.length);
}
