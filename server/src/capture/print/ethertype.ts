// Ethernet type dispatch (print-ether.c `ethertype_print`) and tcpdump's ethertype names.

import { arpPrint } from './arp';
import { ETHERTYPE } from './constants';
import { ipPrint } from './ipv4';
import { ip6Print } from './ipv6';
import { mplsPrint } from './mpls';
import type { Nd } from './nd';

/**
 * Prints the payload of an Ethernet type; returns false when the type is not decoded (the
 * caller then prints the link header and a hex dump, as tcpdump does).
 */
export function ethertypePrint(
  nd: Nd,
  type: number,
  off: number,
  length: number,
  caplen: number,
): boolean {
  switch (type) {
    case ETHERTYPE.IP:
      ipPrint(nd, off, length);
      return true;
    case ETHERTYPE.IPV6:
      ip6Print(nd, off, length);
      return true;
    case ETHERTYPE.ARP:
    case ETHERTYPE.REVARP:
      arpPrint(nd, off, length, caplen);
      return true;
    case ETHERTYPE.MPLS:
    case ETHERTYPE.MPLS_MULTI:
      mplsPrint(nd, off, length);
      return true;
    default:
      return false;
  }
}
