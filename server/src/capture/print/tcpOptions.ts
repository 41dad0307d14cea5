// The `, options [...]` list of print-tcp.c, with every option tcpdump 4.99.3 names, `[len N]`
// mismatches, `[bad opt]` and its truncation forms.

import { hex, tok2str, type Tok } from './format';
import { mptcpPrint } from './mptcp';
import type { Nd } from './nd';
import type { SeqContext } from './tcp';

const OPTION_NAMES: Tok = [
  [0, 'eol'],
  [1, 'nop'],
  [2, 'mss'],
  [3, 'wscale'],
  [4, 'sackOK'],
  [5, 'sack'],
  [6, 'echo'],
  [7, 'echoreply'],
  [8, 'TS'],
  [11, 'cc'],
  [12, 'ccnew'],
  [13, ''],
  [19, 'md5'],
  [20, 'scps'],
  [28, 'uto'],
  [29, 'tcp-ao'],
  [30, 'mptcp'],
  [34, 'tfo'],
  [254, 'exp'],
];

/** Why option printing stopped early. */
type Stop = 'bad' | 'trunc';

function fastopen(nd: Nd, cp: number, datalen: number, exp: boolean): void {
  if (exp) nd.print('tfo');
  if (datalen === 0) nd.print(' cookiereq');
  else if (datalen % 2 !== 0 || datalen < 4 || datalen > 16) nd.printInvalid();
  else {
    nd.print(' cookie ');
    for (let i = 0; i < datalen; i++) nd.print(hex(nd.u8(cp + i), 2));
  }
}

/**
 * Prints `, options [...]`. `tcpOff` is the TCP header, `hlen` its length, `length` the
 * payload length. Returns false when tcpdump stops printing the packet after the options.
 */
export function tcpOptionsPrint(
  nd: Nd,
  tcpOff: number,
  hlen: number,
  length: number,
  flags: number,
  ctx: SeqContext,
): boolean {
  let left = hlen - 20;
  let cp = tcpOff + 20;
  let ch = '';
  nd.print(', options [');
  const stop = ((): Stop | null => {
    const lencheck = (l: number): Stop | null => {
      if (l > left) return 'bad';
      if (!nd.ttest(cp, l)) return 'trunc';
      return null;
    };
    while (left > 0) {
      nd.print(ch);
      const opt = nd.u8(cp);
      cp++;
      let len: number;
      if (opt === 0 || opt === 1) len = 1;
      else {
        len = nd.u8(cp);
        cp++;
        if (len < 2 || len > left) return 'bad';
        left--;
      }
      left--;
      let datalen = 0;
      nd.print(tok2str(OPTION_NAMES, 'unknown-%u', opt));
      let s: Stop | null = null;
      switch (opt) {
        case 2:
          datalen = 2;
          if ((s = lencheck(2))) return s;
          nd.print(` ${nd.be16(cp)}`);
          break;
        case 3:
          datalen = 1;
          if ((s = lencheck(1))) return s;
          nd.print(` ${nd.u8(cp)}`);
          break;
        case 5:
          datalen = len - 2;
          if (datalen % 8 !== 0) nd.print(' invalid sack');
          else {
            nd.print(` ${datalen / 8} `);
            for (let i = 0; i < datalen; i += 8) {
              if ((s = lencheck(i + 4))) return s;
              let start = nd.be32(cp + i);
              if ((s = lencheck(i + 8))) return s;
              let end = nd.be32(cp + i + 4);
              const base = ctx.rev ? ctx.thseq : ctx.thack;
              start = (start - base) >>> 0;
              end = (end - base) >>> 0;
              nd.print(`{${start}:${end}}`);
            }
          }
          break;
        case 6:
        case 7:
        case 11:
        case 12:
        case 13:
          datalen = 4;
          if ((s = lencheck(4))) return s;
          nd.print(` ${nd.be32(cp)}`);
          break;
        case 8:
          datalen = 8;
          if ((s = lencheck(8))) return s;
          nd.print(` val ${nd.be32(cp)} ecr ${nd.be32(cp + 4)}`);
          break;
        case 19: {
          datalen = 16;
          if ((s = lencheck(16))) return s;
          nd.print(' ');
          // tcpdump built with libcrypto and run without -M cannot check the signature.
          const data = tcpOff + (nd.u8(tcpOff + 12) >> 4) * 4;
          nd.print(
            data + length > nd.snapend
              ? 'snaplen too short, '
              : 'shared secret not supplied with -M, ',
          );
          nd.print("can't check - ");
          for (let i = 0; i < 16; i++) nd.print(hex(nd.u8(cp + i), 2));
          break;
        }
        case 20:
          datalen = 2;
          if ((s = lencheck(2))) return s;
          nd.print(` cap ${hex(nd.u8(cp), 2)} id ${nd.u8(cp + 1)}`);
          break;
        case 29:
          datalen = len - 2;
          if (datalen < 2) nd.printInvalid();
          else {
            if ((s = lencheck(1))) return s;
            nd.print(` keyid ${nd.u8(cp)}`);
            if ((s = lencheck(2))) return s;
            nd.print(` rnextkeyid ${nd.u8(cp + 1)}`);
            if (datalen > 2) {
              nd.print(' mac 0x');
              for (let i = 2; i < datalen; i++) {
                if ((s = lencheck(i + 1))) return s;
                nd.print(hex(nd.u8(cp + i), 2));
              }
            }
          }
          break;
        case 0:
        case 1:
        case 4:
          break;
        case 28: {
          datalen = 2;
          if ((s = lencheck(2))) return s;
          let uto = nd.be16(cp);
          nd.print(` 0x${uto.toString(16)}`);
          uto = uto & 1 ? (uto >> 1) * 60 : uto >> 1;
          nd.print(` ${uto}`);
          break;
        }
        case 30: {
          datalen = len - 2;
          if ((s = lencheck(datalen))) return s;
          const saved = nd.snapend;
          nd.snapend = Math.min(cp - 2 + len, nd.snapend);
          const ok = mptcpPrint(nd, cp - 2, len, flags);
          nd.snapend = saved;
          if (!ok) return 'bad';
          break;
        }
        case 34:
          datalen = len - 2;
          if ((s = lencheck(datalen))) return s;
          nd.print(' ');
          fastopen(nd, cp, datalen, false);
          break;
        case 254: {
          datalen = len - 2;
          if ((s = lencheck(datalen))) return s;
          if (datalen < 2) return 'bad';
          const magic = nd.be16(cp);
          nd.print('-');
          if (magic === 0xf989) fastopen(nd, cp + 2, datalen - 2, true);
          else nd.print(hex(magic, 4));
          break;
        }
        default:
          datalen = len - 2;
          if (datalen) nd.print(' 0x');
          for (let i = 0; i < datalen; i++) {
            if ((s = lencheck(i + 1))) return s;
            nd.print(hex(nd.u8(cp + i), 2));
          }
      }
      cp += datalen;
      left -= datalen;
      datalen++;
      if (opt !== 0 && opt !== 1) datalen++;
      if (datalen !== len) nd.print(`[len ${len}]`);
      ch = ',';
      if (opt === 0) break;
    }
    return null;
  })();
  if (stop === 'bad') {
    nd.print('[bad opt]');
    if (ch !== '') nd.print(']');
    return false;
  }
  if (stop === 'trunc') {
    nd.printTrunc();
    if (ch !== '') nd.print('>');
    return false;
  }
  nd.print(']');
  return true;
}
