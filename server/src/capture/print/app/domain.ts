// DNS (print-domain.c `domain_print`, no -v) over UDP (53, mDNS 5353) and TCP (53):
// `ID[+] [counts] TYPE? NAME. (LEN)` for queries, `ID[flags] Q/A/N answers (LEN)` for answers.

import { fnPrintChar, hex, ipv4String, ipv6String, tok2str, type Tok } from '../format';
import { CLASSES, DAU, DHU, EDNS_OPTIONS, N3U, OPS, rcodeText, TYPES } from './domainNames';
import type { Nd } from '../nd';

const MAXCDNAME = 255;

/** nd_printn: false when the capture ends first. */
function printn(nd: Nd, p: number, n: number): boolean {
  while (n > 0 && p < nd.snapend) {
    n--;
    nd.print(fnPrintChar(nd.u8(p++)));
  }
  return n === 0;
}

/** ns_nskip: the position after a (possibly compressed) name, or -1. */
function nskip(nd: Nd, cp: number): number {
  if (!nd.ttest(cp, 1)) return -1;
  let i = nd.u8(cp++);
  while (i) {
    switch (i & 0xc0) {
      case 0xc0:
        return cp + 1;
      case 0x40: {
        if ((i & 0x3f) !== 1) return -1;
        if (!nd.ttest(cp, 1)) return -1;
        let bitlen = nd.u8(cp);
        if (bitlen === 0) bitlen = 256;
        cp++;
        cp += Math.floor((bitlen + 7) / 8);
        break;
      }
      case 0x80:
        return -1;
      default:
        cp += i;
    }
    if (!nd.ttest(cp, 1)) return -1;
    i = nd.u8(cp++);
  }
  return cp;
}

function blabelPrint(nd: Nd, cp: number): number {
  if (!nd.ttest(cp, 1)) return -1;
  let bitlen = nd.u8(cp);
  if (bitlen === 0) bitlen = 256;
  const slen = Math.floor((bitlen + 3) / 4);
  const lim = cp + 1 + slen;
  nd.print('\\[x');
  let bitp = cp + 1;
  let b = bitlen;
  for (; bitp < lim && b > 7; b -= 8, bitp++) nd.print(hex(nd.u8(bitp), 2));
  if (b > 4) {
    const tc = nd.u8(bitp++);
    nd.print(hex(tc & (0xff << (8 - b)) & 0xff, 2));
  } else if (b > 0) {
    const tc = nd.u8(bitp++);
    nd.print(((tc >> 4) & 0x0f & (0x0f << (4 - b))).toString(16));
  }
  nd.print(`/${bitlen}]`);
  return lim;
}

function labellen(nd: Nd, cp: number): number {
  if (!nd.ttest(cp, 1)) return -1;
  const i = nd.u8(cp);
  switch (i & 0xc0) {
    case 0x40: {
      const elt = i & 0x3f;
      if (elt !== 1) {
        nd.print(`<ELT ${elt}>`);
        return -1;
      }
      if (!nd.ttest(cp + 1, 1)) return -1;
      let bitlen = nd.u8(cp + 1);
      if (bitlen === 0) bitlen = 256;
      return Math.floor((bitlen + 7) / 8) + 1;
    }
    case 0xc0:
    case 0x00:
      return i;
    default:
      return -1;
  }
}

/** fqdn_print: prints the name; returns the position after it in the record, or -1. */
export function fqdnPrint(nd: Nd, cp: number, bp: number): number {
  let l = labellen(nd, cp);
  if (l === -1) return -1;
  if (!nd.ttest(cp, 1)) return -1;
  let maxOffset = cp - bp;
  let i = nd.u8(cp++);
  let rp = -1;
  let compress = false;
  let nameChars = 0;
  if ((i & 0xc0) !== 0xc0) rp = cp + l;
  if (i === 0) {
    nd.print('.');
    return rp;
  }
  while (i && cp < nd.snapend) {
    switch (i & 0xc0) {
      case 0xc0: {
        if (!compress) {
          rp = cp + 1;
          compress = true;
        }
        if (!nd.ttest(cp, 1)) return -1;
        const offset = ((i << 8) | nd.u8(cp)) & 0x3fff;
        if (offset >= maxOffset) {
          nd.print('<BAD PTR>');
          return -1;
        }
        maxOffset = offset;
        cp = bp + offset;
        if (!nd.ttest(cp, 1)) return -1;
        i = nd.u8(cp);
        l = labellen(nd, cp);
        if (l === -1) return -1;
        cp++;
        continue;
      }
      case 0x40:
        if ((i & 0x3f) !== 1) {
          nd.print(`<ELT ${i & 0x3f}>`);
          return -1;
        }
        if (blabelPrint(nd, cp) === -1) return -1;
        break;
      case 0x80:
        nd.print('<BAD LABEL TYPE>');
        return -1;
      default:
        if (nameChars + l <= MAXCDNAME) {
          if (!printn(nd, cp, l)) return -1;
        } else if (nameChars < MAXCDNAME) {
          if (!printn(nd, cp, MAXCDNAME - nameChars)) return -1;
        }
        nameChars += l;
    }
    cp += l;
    if (nameChars <= MAXCDNAME) nd.print('.');
    nameChars++;
    if (!nd.ttest(cp, 1)) return -1;
    i = nd.u8(cp);
    l = labellen(nd, cp);
    if (l === -1) return -1;
    cp++;
    if (!compress) rp += l + 1;
  }
  if (nameChars > MAXCDNAME) nd.print('<DOMAIN NAME TOO LONG>');
  return rp;
}

function qprint(nd: Nd, cp: number, bp: number, mdns: boolean): number {
  const np = cp;
  cp = nskip(nd, cp);
  if (cp === -1 || !nd.ttest(cp, 4)) return -1;
  nd.print(` ${tok2str(TYPES, 'Type%u', nd.be16(cp))}`);
  const raw = nd.be16(cp + 2);
  const cls = mdns ? raw & 0x7fff : raw;
  if (cls !== 1) nd.print(` ${tok2str(CLASSES, '(Class %u)', cls)}`);
  if (mdns) nd.print(raw & 0x8000 ? ' (QU)' : ' (QM)');
  nd.print('? ');
  const end = fqdnPrint(nd, np, bp);
  return end === -1 ? -1 : end + 4;
}

function eoptPrint(nd: Nd, cp: number): number {
  if (!nd.ttest(cp, 2)) return -1;
  const opt = nd.be16(cp);
  cp += 2;
  nd.print(tok2str(EDNS_OPTIONS, 'Opt%u', opt));
  if (!nd.ttest(cp, 2)) return -1;
  const len = nd.be16(cp);
  cp += 2;
  if (!nd.ttest(cp, len)) return -1;
  if (len > 0) {
    nd.print(' ');
    const list = (table: Tok): void => {
      for (let i = 0; i < len; i++)
        nd.print(`${i > 0 ? ' ' : ''}${tok2str(table, 'Alg_%u', nd.u8(cp + i))}`);
    };
    switch (opt) {
      case 8:
        ecsPrint(nd, cp, len);
        break;
      case 10:
        if (len < 8 || (len > 8 && len < 16) || len > 40) nd.printInvalid();
        else
          for (let i = 0; i < len; i++) nd.print(`${i === 8 ? ' ' : ''}${hex(nd.u8(cp + i), 2)}`);
        break;
      case 11:
        if (len !== 2) nd.printInvalid();
        else nd.print(`${(nd.be16(cp) / 10).toFixed(1)} sec`);
        break;
      case 9:
        if (len !== 4) nd.printInvalid();
        else nd.print(`${nd.be32(cp)} sec`);
        break;
      case 12:
        nd.print(`(${len})`);
        break;
      case 14:
        if (len % 2 !== 0) nd.printInvalid();
        else for (let i = 0; i < len; i += 2) nd.print(`${i > 0 ? ' ' : ''}${nd.be16(cp + i)}`);
        break;
      case 5:
        list(DAU);
        break;
      case 6:
        list(DHU);
        break;
      case 7:
        list(N3U);
        break;
      case 13:
        fqdnPrint(nd, cp, cp + len);
        break;
      default:
        for (let i = 0; i < len; i++) nd.print(hex(nd.u8(cp + i), 2));
    }
  }
  return cp + len;
}

function ecsPrint(nd: Nd, cp: number, len: number): void {
  if (len < 4) return nd.printInvalid();
  const family = nd.be16(cp);
  const src = nd.u8(cp + 2);
  const scope = nd.u8(cp + 3);
  const bits = family === 1 ? 32 : family === 2 ? 128 : 0;
  if (bits === 0 || len - 4 > bits / 8) return nd.printInvalid();
  if (src > bits || scope > bits || Math.floor((src + 7) / 8) !== len - 4) return nd.printInvalid();
  const padded = new Uint8Array(16);
  padded.set(nd.data.subarray(cp + 4, cp + len));
  const addr = family === 1 ? ipv4String(padded, 0) : ipv6String(padded, 0);
  nd.print(`${addr}/${src}/${scope}`);
}

/** ns_rprint without -v: the answer's type and data; -1 on truncation. */
function rprint(nd: Nd, cp: number, bp: number, mdns: boolean): number {
  cp = nskip(nd, cp);
  if (cp === -1 || !nd.ttest(cp, 10)) return nd.snapend;
  const typ = nd.be16(cp);
  const raw = nd.be16(cp + 2);
  const cls = mdns ? raw & 0x7fff : raw;
  cp += 4;
  if (cls !== 1 && typ !== 41) nd.print(` ${tok2str(CLASSES, '(Class %u)', cls)}`);
  if (mdns && raw & 0x8000) nd.print(' (Cache flush)');
  let optFlags = 0;
  if (typ === 41) {
    optFlags = nd.be16(cp + 2);
  }
  cp += 4;
  const len = nd.be16(cp);
  cp += 2;
  const rp = cp + len;
  nd.print(` ${tok2str(TYPES, 'Type%u', typ)}`);
  if (rp > nd.snapend) return -1;
  switch (typ) {
    case 1:
      if (!nd.ttest(cp, 4)) return -1;
      nd.print(` ${ipv4String(nd.data, cp)}`);
      break;
    case 2:
    case 5:
    case 12:
    case 39:
      nd.print(' ');
      if (fqdnPrint(nd, cp, bp) === -1) return -1;
      break;
    case 15:
      nd.print(' ');
      if (!nd.ttest(cp, 2)) return -1;
      if (fqdnPrint(nd, cp + 2, bp) === -1) return -1;
      nd.print(` ${nd.be16(cp)}`);
      break;
    case 16:
      while (cp < rp) {
        nd.print(' "');
        if (!nd.ttest(cp, 1)) return -1;
        const n = nd.u8(cp);
        if (!printn(nd, cp + 1, n)) return -1;
        cp += 1 + n;
        nd.print('"');
      }
      break;
    case 33:
      nd.print(' ');
      if (!nd.ttest(cp, 6)) return -1;
      if (fqdnPrint(nd, cp + 6, bp) === -1) return -1;
      nd.print(`:${nd.be16(cp + 4)} ${nd.be16(cp)} ${nd.be16(cp + 2)}`);
      break;
    case 28:
      if (!nd.ttest(cp, 16)) return -1;
      nd.print(` ${ipv6String(nd.data, cp)}`);
      break;
    case 38: {
      if (!nd.ttest(cp, 1)) return -1;
      const pbit = nd.u8(cp);
      const pbyte = Math.floor((pbit & ~7) / 8);
      if (pbit > 128) {
        nd.print(` ${pbit}(bad plen)`);
        break;
      } else if (pbit < 128) {
        nd.tcheck(cp + 1, 16 - pbyte);
        const a = new Uint8Array(16);
        a.set(nd.data.subarray(cp + 1, cp + 1 + 16 - pbyte), pbyte);
        nd.print(` ${pbit} ${ipv6String(a, 0)}`);
      }
      if (pbit > 0) {
        nd.print(' ');
        if (fqdnPrint(nd, cp + 1 + 16 - pbyte, bp) === -1) return -1;
      }
      break;
    }
    case 256:
      if (!nd.ttest(cp, len)) return -1;
      nd.print(` ${nd.be16(cp)} ${nd.be16(cp + 2)} `);
      if (!printn(nd, cp + 4, len - 4)) return -1;
      break;
    case 41:
      nd.print(` UDPsize=${cls}`);
      if (optFlags & 0x8000) nd.print(' DO');
      if (cp < rp) {
        nd.print(' [');
        while (cp < rp) {
          cp = eoptPrint(nd, cp);
          if (cp === -1) return -1;
          if (cp < rp) nd.print(',');
        }
        nd.print(']');
      }
      break;
    case 104:
      if (!nd.ttest(cp, len)) return -1;
      if (!printn(nd, cp, len)) return -1;
      break;
    case 250:
      if (cp + len > nd.snapend) return -1;
      break;
  }
  return rp;
}

export function domainPrint(
  nd: Nd,
  bp: number,
  length: number,
  overTcp: boolean,
  mdns: boolean,
): void {
  nd.protocol = 'domain';
  if (overTcp) {
    if (length < 2) {
      nd.print(` [DNS over TCP: length ${length} < 2]`);
      nd.printInvalid();
      return;
    }
    length -= 2;
    const prefix = nd.be16(bp);
    if (prefix !== length) {
      nd.print(` [prefix length(${prefix}) != length(${length})]`);
      nd.printInvalid();
      return;
    }
    bp += 2;
    nd.print(' ');
  }
  if (length < 12) {
    nd.print(`domain [length ${length} < 12]`);
    nd.printInvalid();
    return;
  }
  if (!nd.ttest(bp, 12)) {
    nd.printTrunc();
    return;
  }
  const id = nd.be16(bp);
  const flags = nd.be16(bp + 2);
  let qd = nd.be16(bp + 4);
  let an = nd.be16(bp + 6);
  const ns = nd.be16(bp + 8);
  const ar = nd.be16(bp + 10);
  const trunc = (): void => nd.printTrunc();
  let rcode = flags & 0xf;
  // Find the OPT record for the extended rcode.
  scan: {
    let cp = bp + 12;
    for (let i = 0; i < qd; i++) {
      if ((cp = nskip(nd, cp)) === -1) break scan;
      cp += 4;
      if (cp >= nd.snapend) break scan;
    }
    for (let i = 0; i < an + ns; i++) {
      if ((cp = nskip(nd, cp)) === -1) break scan;
      cp += 8;
      if (cp + 2 > nd.snapend) break scan;
      cp += 2 + nd.be16(cp);
      if (cp >= nd.snapend) break scan;
    }
    for (let i = 0; i < ar; i++) {
      if ((cp = nskip(nd, cp)) === -1) break scan;
      if (cp + 2 > nd.snapend) break scan;
      const type = nd.be16(cp);
      cp += 4;
      if (cp + 1 > nd.snapend) break scan;
      if (type === 41) {
        rcode |= nd.u8(cp) << 4;
        break scan;
      }
      cp += 4;
      if (cp + 2 > nd.snapend) break scan;
      cp += 2 + nd.be16(cp);
      if (cp >= nd.snapend) break scan;
    }
  }
  const opcode = (flags >> 11) & 0xf;
  let cp = bp + 12;
  if (flags & 0x8000) {
    nd.print(
      `${id}${OPS[opcode]}${rcodeText(rcode)}${flags & 0x0400 ? '*' : ''}${flags & 0x0080 ? '' : '-'}` +
        `${flags & 0x0200 ? '|' : ''}${flags & 0x0020 ? '$' : ''}`,
    );
    if (qd !== 1) nd.print(` [${qd}q]`);
    for (let i = 0; i < qd; i++) {
      if (i !== 0) nd.print(',');
      if ((cp = nskip(nd, cp)) === -1) return trunc();
      cp += 4;
    }
    nd.print(` ${an}/${ns}/${ar}`);
    if (an) {
      if ((cp = rprint(nd, cp, bp, mdns)) === -1) return trunc();
      an--;
      while (cp < nd.snapend && an) {
        nd.print(',');
        if ((cp = rprint(nd, cp, bp, mdns)) === -1) return trunc();
        an--;
      }
    }
    if (an) return trunc();
  } else {
    nd.print(`${id}${OPS[opcode]}${flags & 0x0100 ? '+' : ''}${flags & 0x0010 ? '%' : ''}`);
    if (flags & 0x6cf) nd.print(` [b2&3=0x${flags.toString(16)}]`);
    if (opcode === 1) {
      if (qd) nd.print(` [${qd}q]`);
      if (an !== 1) nd.print(` [${an}a]`);
    } else {
      if (an) nd.print(` [${an}a]`);
      if (qd !== 1) nd.print(` [${qd}q]`);
    }
    if (ns) nd.print(` [${ns}n]`);
    if (ar) nd.print(` [${ar}au]`);
    if (qd) {
      if ((cp = qprint(nd, cp, bp, mdns)) === -1) return trunc();
      qd--;
      while (cp < nd.snapend && qd) {
        if ((cp = qprint(nd, cp, bp, mdns)) === -1) return trunc();
        qd--;
      }
    }
    if (qd) return trunc();
  }
  nd.print(` (${length})`);
}
