// UDP (print-udp.c `udp_print`, no -v): `SRC.PORT > DST.PORT: ` then a decoder chosen by port.
// VXLAN, Geneve and LDP are decoded; every other payload prints `UDP, length N`, which is what
// tcpdump prints for ports without a decoder (see KNOWN-DIFFERENCES.md for the ones it has).

import { domainPrint } from './app/domain';
import { ldpPrint } from './app/ldp';
import { ip6addr, ipaddr } from './addr';
import type { Nd } from './nd';
import { genevePrint, vxlanPrint } from './tunnel';

function udpipaddrPrint(nd: Nd, iph: number, sport: number, dport: number): void {
  const v6 = nd.u8(iph) >> 4 === 6;
  const nh = nd.u8(iph + (v6 ? 6 : 9));
  const src = (): string => (v6 ? ip6addr(nd, iph + 8) : ipaddr(nd, iph + 12));
  const dst = (): string => (v6 ? ip6addr(nd, iph + 24) : ipaddr(nd, iph + 16));
  if (nh === 17) {
    if (sport === -1) nd.print(`${src()} > ${dst()}: `);
    else nd.print(`${src()}.${sport} > ${dst()}.${dport}: `);
  } else if (sport !== -1) nd.print(`${sport} > ${dport}: `);
}

export function udpPrint(
  nd: Nd,
  off: number,
  length: number,
  iph: number,
  fragmented: boolean,
): void {
  nd.protocol = 'udp';
  if (!nd.ttest(off + 2, 2)) {
    udpipaddrPrint(nd, iph, -1, -1);
    nd.printTrunc();
    return;
  }
  const sport = nd.be16(off);
  const dport = nd.be16(off + 2);
  if (length < 8) {
    udpipaddrPrint(nd, iph, sport, dport);
    nd.print(`truncated-udp ${length}`);
    return;
  }
  if (!nd.ttest(off + 4, 2)) {
    udpipaddrPrint(nd, iph, sport, dport);
    nd.printTrunc();
    return;
  }
  let ulen = nd.be16(off + 4);
  if (ulen === 0 && length > 65535) ulen = length;
  if (ulen < 8) {
    udpipaddrPrint(nd, iph, sport, dport);
    nd.print(`truncated-udplength ${ulen}`);
    return;
  }
  ulen -= 8;
  length -= 8;
  if (ulen < length) length = ulen;
  const cp = off + 8;
  if (cp > nd.snapend) {
    udpipaddrPrint(nd, iph, sport, dport);
    nd.printTrunc();
    return;
  }
  udpipaddrPrint(nd, iph, sport, dport);
  const either = (port: number): boolean => sport === port || dport === port;
  if (either(53)) domainPrint(nd, cp, length, false, false);
  else if (either(5353)) domainPrint(nd, cp, length, false, true);
  else if (either(646)) ldpPrint(nd, cp, length);
  else if (either(4789)) vxlanPrint(nd, cp, length);
  else if (either(6081)) genevePrint(nd, cp, length);
  else if (ulen > length && !fragmented) nd.print(`UDP, bad length ${ulen} > ${length}`);
  else nd.print(`UDP, length ${ulen}`);
}
