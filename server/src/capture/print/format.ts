// Text helpers shared by the printers: addresses and tcpdump's `tok2str` / `bittok2str`.

/** A value → name table, like tcpdump's `struct tok[]`. Order matters for bit tables. */
export type Tok = ReadonlyArray<readonly [number, string]>;

/** tok2str: the name of `value`, or `fallback` with `%u`/`%x`/`%02x`/`%04x` filled in. */
export function tok2str(table: Tok, fallback: string, value: number): string {
  for (const [v, name] of table) if (v === value) return name;
  return fill(fallback, value);
}

function fill(fmt: string, value: number): string {
  return fmt
    .replace('%u', String(value))
    .replace('%02x', hex(value, 2))
    .replace('%04x', hex(value, 4))
    .replace('%x', value.toString(16));
}

function bittok(table: Tok, fallback: string, value: number, sep: string): string {
  const names: string[] = [];
  for (const [bit, name] of table) {
    if (bit !== 0 && (value & bit) === bit) names.push(name);
  }
  return names.length === 0 ? fill(fallback, value) : names.join(sep);
}

/** bittok2str_nosep: every set bit's name, concatenated (`SEW`). */
export function bittok2strNosep(table: Tok, fallback: string, value: number): string {
  return bittok(table, fallback, value, '');
}

/** bittok2str: every set bit's name, separated by ", ". */
export function bittok2str(table: Tok, fallback: string, value: number): string {
  return bittok(table, fallback, value, ', ');
}

/** Lower-case hexadecimal, zero-padded to `width` digits (`%0Nx`). */
export function hex(value: number, width: number): string {
  return (value >>> 0).toString(16).padStart(width, '0');
}

export function ipv4String(data: Uint8Array, off: number): string {
  return `${data[off]}.${data[off + 1]}.${data[off + 2]}.${data[off + 3]}`;
}

/** addrtostr6 (tcpdump's inet_ntop): longest zero run of 2+ words becomes `::`, first wins. */
export function ipv6String(data: Uint8Array, off: number): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((data[off + 2 * i]! << 8) | data[off + 2 * i + 1]!);
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  let curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (curBase === -1) {
        curBase = i;
        curLen = 1;
      } else curLen++;
    } else if (curBase !== -1) {
      if (bestBase === -1 || curLen > bestLen) {
        bestBase = curBase;
        bestLen = curLen;
      }
      curBase = -1;
    }
  }
  if (curBase !== -1 && (bestBase === -1 || curLen > bestLen)) {
    bestBase = curBase;
    bestLen = curLen;
  }
  if (bestBase !== -1 && bestLen < 2) bestBase = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      out += ipv4String(data, off + 12);
      break;
    }
    out += words[i]!.toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ':';
  return out;
}

export function macString(data: Uint8Array, off: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push(hex(data[off + i]!, 2));
  return parts.join(':');
}

/** tcpdump's fn_print_char: printable ASCII as is, the rest as `M-` / `^` escapes. */
export function fnPrintChar(c: number): string {
  let out = '';
  if (c & 0x80) {
    out += 'M-';
    c &= 0x7f;
  }
  if (c < 0x20 || c === 0x7f) return out + '^' + String.fromCharCode(c ^ 0x40);
  return out + String.fromCharCode(c);
}

/** `%-Ns`: left-justified in a field of `width`. */
export function padRight(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}
