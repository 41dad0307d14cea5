// IPv4 (print-ip.c `ip_print`, without -v): `IP ` then the transport. Fragments after the first
// print `SRC > DST: ip-proto-N` (with -n), as tcpdump does; tcpdump 4.99.3's sanity messages
// (`truncated-ip - N bytes missing! `, `bad-len N`, `bad-hlen N`) are reproduced.

import { ipaddr } from './addr';
import { IPPROTO } from './constants';
import { ipDemuxPrint } from './ipDemux';
import { NdTruncated, type Nd } from './nd';

export function ipPrint(nd: Nd, off: number, length: number): void {
  nd.protocol = 'ip';
  const version = (nd.u8(off) & 0xf0) >> 4;
  if (version !== 4) {
    nd.print(version === 6 ? 'IP6, wrong link-layer encapsulation' : `IP${version}`);
    nd.printInvalid();
    return;
  }
  nd.print('IP ');
  if (!nd.ttest(off, 20)) {
    nd.printTrunc();
    return;
  }
  if (length < 20) {
    nd.print(`truncated-ip ${length}`);
    return;
  }
  const hlen = (nd.u8(off) & 0x0f) * 4;
  if (hlen < 20) {
    nd.print(`bad-hlen ${hlen}`);
    return;
  }
  let len = nd.be16(off + 2);
  if (length < len) nd.print(`truncated-ip - ${len - length} bytes missing! `);
  if (len < hlen) {
    nd.print(`bad-len ${len}`);
    return;
  }
  nd.pushSnaplen(off, len);
  len -= hlen;
  const frag = nd.be16(off + 6);
  const proto = nd.u8(off + 9);
  if ((frag & 0x1fff) === 0) {
    if (
      proto !== IPPROTO.TCP &&
      proto !== IPPROTO.UDP &&
      proto !== IPPROTO.SCTP &&
      proto !== IPPROTO.DCCP
    ) {
      nd.print(`${ipaddr(nd, off + 12)} > ${ipaddr(nd, off + 16)}: `);
    }
    if (!nd.ttest(off, hlen)) {
      nd.print(` [remaining caplen(${nd.available(off)}) < header length(${hlen})]`);
      throw new NdTruncated();
    }
    ipDemuxPrint(nd, off + hlen, len, 4, (frag & 0x2000) !== 0, proto, off);
  } else {
    nd.print(`${ipaddr(nd, off + 12)} > ${ipaddr(nd, off + 16)}: ip-proto-${proto}`);
  }
  nd.popSnaplen();
}
