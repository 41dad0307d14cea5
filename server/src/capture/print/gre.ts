// GRE (print-gre.c, without -v): version 0 with checksum/offset, key and sequence fields and an
// IP, IPv6, MPLS or Ethernet payload; version 1 (PPTP) prints its header and stops before PPP.

import { etherPrint } from './ethernet';
import { ipPrint } from './ipv4';
import { ip6Print } from './ipv6';
import { mplsPrint } from './mpls';
import type { Nd } from './nd';

const GRE_CP = 0x8000;
const GRE_RP = 0x4000;
const GRE_KP = 0x2000;
const GRE_SP = 0x1000;
const GRE_AP = 0x0080;

export function gre4Print(nd: Nd, off: number, length: number): void {
  nd.protocol = 'gre';
  if (!nd.ttest(off, 2) || length < 2) {
    nd.printTrunc();
    return;
  }
  const flags = nd.be16(off);
  const vers = flags & 0x7;
  nd.print(`GREv${vers}`);
  if (vers > 1) {
    nd.print(' ERROR: unknown-version');
    return;
  }
  let p = off + 2;
  let len = length - 2;
  const need = (n: number): boolean => {
    if (!nd.ttest(p, n) || len < n) {
      nd.printTrunc();
      return false;
    }
    return true;
  };
  if (!need(2)) return;
  const prot = nd.be16(p);
  p += 2;
  len -= 2;
  if (vers === 1) {
    if (flags & GRE_KP) {
      if (!need(4)) return;
      nd.print(`, call ${nd.be32(p) & 0xffff}`);
      p += 4;
      len -= 4;
    }
    if (flags & GRE_SP) {
      if (!need(4)) return;
      nd.print(`, seq ${nd.be32(p)}`);
      p += 4;
      len -= 4;
    }
    if (flags & GRE_AP) {
      if (!need(4)) return;
      nd.print(`, ack ${nd.be32(p)}`);
      p += 4;
      len -= 4;
    }
    if ((flags & GRE_SP) === 0) nd.print(', no-payload');
    nd.print(`, length ${length}`);
    if ((flags & GRE_SP) === 0) return;
    nd.print(': ');
    // PPP payloads (LCP, IPCP…) are decoded by tcpdump, not here; other protocols are named.
    if (prot !== 0x880b) nd.print(`gre-proto-0x${prot.toString(16)}`);
    return;
  }
  if (flags & (GRE_CP | GRE_RP)) {
    if (!need(4)) return;
    nd.print(`, off 0x${nd.be16(p + 2).toString(16)}`);
    p += 4;
    len -= 4;
  }
  if (flags & GRE_KP) {
    if (!need(4)) return;
    nd.print(`, key=0x${nd.be32(p).toString(16)}`);
    p += 4;
    len -= 4;
  }
  if (flags & GRE_SP) {
    if (!need(4)) return;
    nd.print(`, seq ${nd.be32(p)}`);
    p += 4;
    len -= 4;
  }
  if (flags & GRE_RP) {
    for (;;) {
      if (!need(4)) return;
      const af = nd.be16(p);
      const srelen = nd.u8(p + 3);
      p += 4;
      len -= 4;
      if (af === 0 && srelen === 0) break;
      if (len < srelen) {
        nd.printTrunc();
        return;
      }
      p += srelen;
      len -= srelen;
    }
  }
  nd.print(`, length ${length}: `);
  switch (prot) {
    case 0x0800:
      ipPrint(nd, p, len);
      break;
    case 0x86dd:
      ip6Print(nd, p, len);
      break;
    case 0x8847:
      mplsPrint(nd, p, len);
      break;
    case 0x6558:
      etherPrint(nd, p, len, nd.available(p));
      break;
    default:
      nd.print(`gre-proto-0x${prot.toString(16)}`);
  }
}
