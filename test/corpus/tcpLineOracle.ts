/**
 * An independent oracle for "this line carries a TCP segment header", written as a plain
 * regular expression from the grammar notes (tcpdump-text-grammar.md §9): `SRC > DST: Flags [..]`
 * where DST ends in ':'. It also yields the two ports, which the parser must agree with.
 */
const TCP_HEADER = /(?:^|\s)(\S+) > (\S+): Flags \[(?:[SFRPUEWe.]+|none)\]/;

export interface OracleMatch {
  srcPort: string;
  dstPort: string;
}

function portOf(token: string): string {
  const dot = token.lastIndexOf('.');
  return dot < 0 ? token : token.slice(dot + 1);
}

export function oracleTcpLine(line: string): OracleMatch | null {
  const m = TCP_HEADER.exec(line);
  if (!m) return null;
  return { srcPort: portOf(m[1]!), dstPort: portOf(m[2]!) };
}
