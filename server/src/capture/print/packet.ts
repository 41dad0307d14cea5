// One packet's text (print.c `pretty_print_packet`): header sanity checks, timestamp, the
// link-layer printer, and the ` [|proto]` suffix when the captured bytes run out.

import { LINKTYPE } from '../linkTypes';
import { etherPrint } from './ethernet';
import { sllPrint, sll2Print } from './cooked';
import { ipNPrint, nullPrint } from './loopback';
import { Nd, NdTruncated, type PrintFlags } from './nd';
import { otherLinkPrint } from './otherLinks';
import type { PacketPrintState } from './state';

const MAXIMUM_SNAPLEN = 262144;

/** Packet fields the printer needs. */
export interface PrintablePacket {
  linkType: number;
  capturedLength: number;
  originalLength: number;
  data: Uint8Array;
}

/** tcpdump's `[Invalid header: …]` line, or null when the lengths are sane. */
export function invalidHeader(caplen: number, len: number): string | null {
  const problems: string[] = [];
  if (caplen === 0) problems.push('caplen==0');
  if (len === 0) problems.push('len==0');
  else if (len < caplen) problems.push(`len(${len}) < caplen(${caplen})`);
  if (caplen > MAXIMUM_SNAPLEN) problems.push(`caplen(${caplen}) > ${MAXIMUM_SNAPLEN}`);
  if (len > MAXIMUM_SNAPLEN) problems.push(`len(${len}) > ${MAXIMUM_SNAPLEN}`);
  if (problems.length === 0) return null;
  // tcpdump joins the first problem with a space and the others with ", ".
  const [first, ...rest] = problems;
  return `[Invalid header: ${first}${rest.map((r) => `, ${r}`).join('')}]`;
}

/** The text tcpdump prints for the packet after its timestamp (without the final newline). */
export function printPacketBody(
  packet: PrintablePacket,
  flags: PrintFlags,
  state: PacketPrintState,
): string {
  const nd = new Nd(packet.data, packet.capturedLength, flags, state);
  const len = packet.originalLength;
  const caplen = nd.snapend;
  try {
    switch (packet.linkType) {
      case LINKTYPE.ETHERNET:
        etherPrint(nd, 0, len, caplen);
        break;
      case LINKTYPE.NULL:
      case LINKTYPE.LOOP:
        nullPrint(nd, len, caplen);
        break;
      case LINKTYPE.RAW:
      case LINKTYPE.RAW_12:
      case LINKTYPE.RAW_14:
      case LINKTYPE.IPV4:
      case LINKTYPE.IPV6:
        nd.protocol = 'raw';
        ipNPrint(nd, 0, len);
        break;
      case LINKTYPE.LINUX_SLL:
        sllPrint(nd, len, caplen);
        break;
      case LINKTYPE.LINUX_SLL2:
        sll2Print(nd, len, caplen);
        break;
      default:
        otherLinkPrint(nd, packet.linkType, len, caplen);
    }
  } catch (e) {
    if (!(e instanceof NdTruncated)) {
      nd.print(` [capture: internal error: ${String(e)}]`);
    } else nd.printTrunc();
  }
  return nd.out;
}
