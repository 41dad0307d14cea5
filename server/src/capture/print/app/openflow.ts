// OpenFlow (print-openflow.c, ports 6633 and 6653, no -v): `: OpenFlow`, then one
// `\n\tversion V, type T, length N, xid 0x…` line per message, with the length checks that
// make tcpdump print ` (invalid)` or ` [|openflow]`.

import { hex } from '../format';
import { NdTruncated, type Nd } from '../nd';

/** [name, requirement (0 none, 1 fixed, 2 minimum), body length]. */
type MsgType = readonly [string, 0 | 1 | 2, number];

const OF10: readonly MsgType[] = [
  ['HELLO', 2, 0],
  ['ERROR', 2, 4],
  ['ECHO_REQUEST', 2, 0],
  ['ECHO_REPLY', 2, 0],
  ['VENDOR', 2, 4],
  ['FEATURES_REQUEST', 1, 0],
  ['FEATURES_REPLY', 2, 24],
  ['GET_CONFIG_REQUEST', 1, 0],
  ['GET_CONFIG_REPLY', 1, 4],
  ['SET_CONFIG', 1, 4],
  ['PACKET_IN', 2, 10],
  ['FLOW_REMOVED', 1, 80],
  ['PORT_STATUS', 1, 56],
  ['PACKET_OUT', 2, 8],
  ['FLOW_MOD', 2, 64],
  ['PORT_MOD', 1, 24],
  ['STATS_REQUEST', 2, 4],
  ['STATS_REPLY', 2, 4],
  ['BARRIER_REQUEST', 1, 0],
  ['BARRIER_REPLY', 1, 0],
  ['QUEUE_GET_CONFIG_REQUEST', 1, 4],
  ['QUEUE_GET_CONFIG_REPLY', 2, 8],
];

const OF13: readonly MsgType[] = [
  ['HELLO', 2, 0],
  ['ERROR', 2, 4],
  ['ECHO_REQUEST', 2, 0],
  ['ECHO_REPLY', 2, 0],
  ['EXPERIMENTER', 2, 8],
  ['FEATURES_REQUEST', 1, 0],
  ['FEATURES_REPLY', 1, 24],
  ['GET_CONFIG_REQUEST', 1, 0],
  ['GET_CONFIG_REPLY', 1, 4],
  ['SET_CONFIG', 1, 4],
  ['PACKET_IN', 0, 0],
  ['FLOW_REMOVED', 0, 0],
  ['PORT_STATUS', 1, 72],
  ['PACKET_OUT', 0, 0],
  ['FLOW_MOD', 0, 0],
  ['GROUP_MOD', 0, 0],
  ['PORT_MOD', 1, 32],
  ['TABLE_MOD', 1, 8],
  ['MULTIPART_REQUEST', 0, 0],
  ['MULTIPART_REPLY', 0, 0],
  ['BARRIER_REQUEST', 1, 0],
  ['BARRIER_REPLY', 1, 0],
  ['QUEUE_GET_CONFIG_REQUEST', 1, 8],
  ['QUEUE_GET_CONFIG_REPLY', 0, 0],
  ['ROLE_REQUEST', 1, 16],
  ['ROLE_REPLY', 1, 16],
  ['GET_ASYNC_REQUEST', 1, 0],
  ['GET_ASYNC_REPLY', 1, 24],
  ['SET_ASYNC', 1, 24],
  ['METER_MOD', 0, 0],
];

const VERSIONS: Record<number, string> = {
  1: '1.0',
  2: '1.1',
  3: '1.2',
  4: '1.3',
  5: '1.4',
  6: '1.5',
};

export function openflowPrint(nd: Nd, cp: number, len: number): void {
  nd.protocol = 'openflow';
  nd.print(': OpenFlow');
  const partial = (): void => {
    nd.print(' (end of TCP payload)');
    nd.tcheck(cp, len);
  };
  while (len) {
    const version = nd.u8(cp);
    cp++;
    len--;
    nd.print(`\n\tversion ${VERSIONS[version] ?? `unknown (0x${hex(version, 2)})`}`);
    if (len < 1) return partial();
    const type = nd.u8(cp);
    cp++;
    len--;
    const table = version === 1 ? OF10 : version === 4 ? OF13 : null;
    const mti = table ? table[type] : undefined;
    nd.print(mti ? `, type ${mti[0]}` : `, type unknown (0x${hex(type, 2)})`);
    if (len < 2) return partial();
    const length = nd.be16(cp);
    cp += 2;
    len -= 2;
    nd.print(`, length ${length}${length < 8 ? ' (too short!)' : ''}`);
    if (len < 4) return partial();
    nd.print(`, xid 0x${hex(nd.be32(cp), 8)}`);
    cp += 4;
    len -= 4;
    if (length < 8) {
      nd.printInvalid();
      nd.tcheck(cp, len);
      return;
    }
    const body = length - 8;
    if (mti && ((mti[1] === 1 && body !== mti[2]) || (mti[1] === 2 && body < mti[2]))) {
      nd.printInvalid();
    }
    if (!nd.ttest(cp, body)) throw new NdTruncated();
    if (body > len) break;
    cp += body;
    len -= body;
  }
}
