// PPTP control messages (print-pptp.c, port 1723, no -v):
// `: pptp CTRL_MSGTYPE=SCCRQ PROTO_VER(1.0) FRAME_CAP(A) BEARER_CAP(A) …`. Each message is a
// list of fields printed in order; a field is [kind, offset] in the message body.

import { fnPrintChar, hex, tok2str, type Tok } from '../format';
import type { Nd } from '../nd';

const MESSAGES = [
  'NOT_DEFINED',
  'SCCRQ',
  'SCCRP',
  'StopCCRQ',
  'StopCCRP',
  'ECHORQ',
  'ECHORP',
  'OCRQ',
  'OCRP',
  'ICRQ',
  'ICRP',
  'ICCN',
  'CCRQ',
  'CDN',
  'WEN',
  'SLI',
];

const BEARER_TYPES: Tok = [
  [1, 'A'],
  [2, 'D'],
  [3, 'Any'],
];
const FRAMING_TYPES: Tok = [
  [1, 'A'],
  [2, 'S'],
  [3, 'E'],
];

/** nd_printjnp: a NUL-padded string of at most `n` bytes. */
function printjnp(nd: Nd, p: number, n: number): void {
  for (; n > 0; n--, p++) {
    const c = nd.u8(p);
    if (c === 0) break;
    nd.print(fnPrintChar(c));
  }
}

type Field =
  | readonly ['u8' | 'u16' | 'u32' | 'hex32', string, number]
  | readonly ['rsv8' | 'rsv16' | 'ver' | 'fcap' | 'bcap' | 'btype' | 'ftype', number]
  | readonly ['str', string, number, number]
  | readonly ['lenstr', string, number, number];

const id = (name: string, off: number): Field => ['u16', name, off];

const FIELDS: Record<number, readonly Field[]> = {
  1: [
    ['ver', 0],
    ['rsv16', 2],
    ['fcap', 4],
    ['bcap', 8],
    id('MAX_CHAN', 12),
    id('FIRM_REV', 14),
    ['str', 'HOSTNAME', 16, 64],
    ['str', 'VENDOR', 80, 64],
  ],
  2: [
    ['ver', 0],
    ['u8', 'RESULT_CODE', 2],
    ['u8', 'ERR_CODE', 3],
    ['fcap', 4],
    ['bcap', 8],
    id('MAX_CHAN', 12),
    id('FIRM_REV', 14),
    ['str', 'HOSTNAME', 16, 64],
    ['str', 'VENDOR', 80, 64],
  ],
  3: [
    ['u8', 'REASON', 0],
    ['rsv8', 1],
    ['rsv16', 2],
  ],
  4: [
    ['u8', 'RESULT_CODE', 0],
    ['u8', 'ERR_CODE', 1],
    ['rsv16', 2],
  ],
  5: [['u32', 'ID', 0]],
  6: [
    ['u32', 'ID', 0],
    ['u8', 'RESULT_CODE', 4],
    ['u8', 'ERR_CODE', 5],
    ['rsv16', 6],
  ],
  7: [
    id('CALL_ID', 0),
    id('CALL_SER_NUM', 2),
    ['u32', 'MIN_BPS', 4],
    ['u32', 'MAX_BPS', 8],
    ['btype', 12],
    ['ftype', 16],
    id('RECV_WIN', 20),
    id('PROC_DELAY', 22),
    id('PHONE_NO_LEN', 24),
    ['rsv16', 26],
    ['lenstr', 'PHONE_NO', 28, 24],
    ['str', 'SUB_ADDR', 92, 64],
  ],
  8: [
    id('CALL_ID', 0),
    id('PEER_CALL_ID', 2),
    ['u8', 'RESULT_CODE', 4],
    ['u8', 'ERR_CODE', 5],
    id('CAUSE_CODE', 6),
    ['u32', 'CONN_SPEED', 8],
    id('RECV_WIN', 12),
    id('PROC_DELAY', 14),
    ['u32', 'PHY_CHAN_ID', 16],
  ],
  9: [
    id('CALL_ID', 0),
    id('CALL_SER_NUM', 2),
    ['btype', 4],
    ['u32', 'PHY_CHAN_ID', 8],
    id('DIALED_NO_LEN', 12),
    id('DIALING_NO_LEN', 14),
    ['lenstr', 'DIALED_NO', 16, 12],
    ['lenstr', 'DIALING_NO', 80, 14],
    ['str', 'SUB_ADDR', 144, 64],
  ],
  10: [
    id('CALL_ID', 0),
    id('PEER_CALL_ID', 2),
    ['u8', 'RESULT_CODE', 4],
    ['u8', 'ERR_CODE', 5],
    id('RECV_WIN', 6),
    id('PROC_DELAY', 8),
    ['rsv16', 10],
  ],
  11: [
    id('PEER_CALL_ID', 0),
    ['rsv16', 2],
    ['u32', 'CONN_SPEED', 4],
    id('RECV_WIN', 8),
    id('PROC_DELAY', 10),
    ['ftype', 12],
  ],
  12: [id('CALL_ID', 0), ['rsv16', 2]],
  13: [
    id('CALL_ID', 0),
    ['u8', 'RESULT_CODE', 2],
    ['u8', 'ERR_CODE', 3],
    id('CAUSE_CODE', 4),
    ['rsv16', 6],
    ['str', 'CALL_STATS', 8, 128],
  ],
  14: [
    id('PEER_CALL_ID', 0),
    ['rsv16', 2],
    ['u32', 'CRC_ERR', 4],
    ['u32', 'FRAMING_ERR', 8],
    ['u32', 'HARDWARE_OVERRUN', 12],
    ['u32', 'BUFFER_OVERRUN', 16],
    ['u32', 'TIMEOUT_ERR', 20],
    ['u32', 'ALIGN_ERR', 24],
  ],
  15: [id('PEER_CALL_ID', 0), ['rsv16', 2], ['hex32', 'SEND_ACCM', 4], ['hex32', 'RECV_ACCM', 8]],
};

function field(nd: Nd, p: number, f: Field): void {
  switch (f[0]) {
    case 'u8':
      nd.print(` ${f[1]}(${nd.u8(p + f[2])})`);
      break;
    case 'u16':
      nd.print(` ${f[1]}(${nd.be16(p + f[2])})`);
      break;
    case 'u32':
      nd.print(` ${f[1]}(${nd.be32(p + f[2])})`);
      break;
    case 'hex32':
      nd.print(` ${f[1]}(0x${hex(nd.be32(p + f[2]), 8)})`);
      break;
    case 'rsv8': {
      const v = nd.u8(p + f[1]);
      if (v) nd.print(` [ERROR: reserved=${v} must be zero]`);
      break;
    }
    case 'rsv16': {
      const v = nd.be16(p + f[1]);
      if (v) nd.print(` [ERROR: reserved=${v} must be zero]`);
      break;
    }
    case 'ver': {
      const v = nd.be16(p + f[1]);
      nd.print(` PROTO_VER(${v >> 8}.${v & 0xff})`);
      break;
    }
    case 'fcap': {
      const v = nd.be32(p + f[1]);
      nd.print(` FRAME_CAP(${v & 1 ? 'A' : ''}${v & 2 ? 'S' : ''})`);
      break;
    }
    case 'bcap': {
      const v = nd.be32(p + f[1]);
      nd.print(` BEARER_CAP(${v & 2 ? 'D' : ''}${v & 1 ? 'A' : ''})`);
      break;
    }
    case 'btype':
      nd.print(` BEARER_TYPE(${tok2str(BEARER_TYPES, '?', nd.be32(p + f[1]))})`);
      break;
    case 'ftype':
      nd.print(` FRAME_TYPE(${tok2str(FRAMING_TYPES, '?', nd.be32(p + f[1]))})`);
      break;
    case 'str':
      nd.print(` ${f[1]}(`);
      printjnp(nd, p + f[2], f[3]);
      nd.print(')');
      break;
    case 'lenstr':
      // The length comes from another field of the message (offset f[3]).
      nd.print(` ${f[1]}(`);
      printjnp(nd, p + f[2], Math.min(64, nd.be16(p + f[3])));
      nd.print(')');
      break;
  }
}

export function pptpPrint(nd: Nd, dat: number): void {
  nd.protocol = 'pptp';
  nd.print(': pptp');
  const cookie = nd.be32(dat + 4);
  if (cookie !== 0x1a2b3c4d) {
    nd.print(` UNEXPECTED Magic-Cookie!!(${hex(cookie, 8)})`);
    nd.print(` Magic-Cookie=${hex(cookie, 8)}`);
  }
  const type = nd.be16(dat + 8);
  nd.print(
    type < MESSAGES.length ? ` CTRL_MSGTYPE=${MESSAGES[type]}` : ` UNKNOWN_CTRL_MSGTYPE(${type})`,
  );
  const reserved = nd.be16(dat + 10);
  if (reserved) nd.print(` [ERROR: reserved=${reserved} must be zero]`);
  for (const f of FIELDS[type] ?? []) field(nd, dat + 12, f);
}
