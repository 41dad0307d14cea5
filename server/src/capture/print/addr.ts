// Address readers: tcpdump's GET_IPADDR_STRING / GET_IP6ADDR_STRING (bounds-checked, -n form).

import { ipv4String, ipv6String } from './format';
import type { Nd } from './nd';

/** GET_IPADDR_STRING: the dotted address, after checking the 4 bytes are captured. */
export function ipaddr(nd: Nd, off: number): string {
  nd.tcheck(off, 4);
  return ipv4String(nd.data, off);
}

/** GET_IP6ADDR_STRING. */
export function ip6addr(nd: Nd, off: number): string {
  nd.tcheck(off, 16);
  return ipv6String(nd.data, off);
}
