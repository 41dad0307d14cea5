// IPv6 (print-ip6.c `ip6_print`, without -v): `IP6 `, then the extension headers tcpdump knows
// (hop-by-hop with jumbo payloads, destination options, routing, fragment), then the transport.

import { ip6addr } from './addr';
import { ipDemuxPrint } from './ipDemux';
import { IPPROTO } from './constants';
import { dstoptPrint, frag6Print, hbhPrint, rt6Print, type Jumbo } from './ipv6Ext';
import type { Nd } from './nd';

export function ip6Print(nd: Nd, off: number, length: number): void {
  nd.protocol = 'ip6';
  if (!nd.ttest(off, 40)) {
    nd.printTrunc();
    return;
  }
  if (length < 40) {
    nd.print(`truncated-ip6 ${length}`);
    return;
  }
  nd.print('IP6 ');
  const version = nd.u8(off) >> 4;
  if (version !== 6) {
    nd.print(`version error: ${version} != 6`);
    return;
  }
  const jumbo: Jumbo = { found: false, payloadLen: nd.be16(off + 4) };
  let len: number;
  if (jumbo.payloadLen !== 0) {
    len = jumbo.payloadLen + 40;
    if (length < len) nd.print(`truncated-ip6 - ${len - length} bytes missing!`);
  } else len = length + 40;
  let ph = 255;
  let nh = nd.u8(off + 6);
  nd.pushSnaplen(off, len);
  let cp = off;
  let advance = 40;
  let totalAdvance = 0;
  let foundExt = false;
  let foundHbh = false;
  let fragmented = false;
  while (cp < nd.snapend && advance > 0) {
    if (len < advance) {
      nd.printTrunc();
      return;
    }
    cp += advance;
    len -= advance;
    totalAdvance += advance;
    if (
      cp === off + 40 &&
      nh !== IPPROTO.TCP &&
      nh !== IPPROTO.UDP &&
      nh !== IPPROTO.DCCP &&
      nh !== IPPROTO.SCTP
    ) {
      nd.print(`${ip6addr(nd, off + 8)} > ${ip6addr(nd, off + 24)}: `);
    }
    switch (nh) {
      case IPPROTO.HOPOPTS:
        if (foundHbh) {
          nd.print('[The Hop-by-Hop Options header was already found]');
          nd.printInvalid();
          return;
        }
        if (ph !== 255) {
          nd.print("[The Hop-by-Hop Options header don't follow the IPv6 header]");
          nd.printInvalid();
          return;
        }
        advance = hbhPrint(nd, cp, jumbo);
        if (jumbo.payloadLen === 0 && !jumbo.found) {
          nd.print('[No valid Jumbo Payload Hop-by-Hop option found]');
          nd.printInvalid();
          return;
        }
        if (advance < 0) {
          nd.popSnaplen();
          return;
        }
        foundExt = true;
        foundHbh = true;
        nh = nd.u8(cp);
        break;
      case IPPROTO.DSTOPTS:
        advance = dstoptPrint(nd, cp);
        if (advance < 0) {
          nd.popSnaplen();
          return;
        }
        foundExt = true;
        nh = nd.u8(cp);
        break;
      case IPPROTO.FRAGMENT:
        advance = frag6Print(nd, cp, off);
        if (advance < 0 || nd.snapend <= cp + advance) {
          nd.popSnaplen();
          return;
        }
        foundExt = true;
        nh = nd.u8(cp);
        fragmented = true;
        break;
      case IPPROTO.MOBILITY_OLD:
      case IPPROTO.MOBILITY:
        nd.protocol = 'mobility';
        nd.print('mobility');
        nd.popSnaplen();
        return;
      case IPPROTO.ROUTING:
        nd.u8(cp);
        advance = rt6Print(nd, cp);
        if (advance < 0) {
          nd.popSnaplen();
          return;
        }
        foundExt = true;
        nh = nd.u8(cp);
        break;
      default:
        if (jumbo.found) {
          len = jumbo.payloadLen + 40;
          if (len < totalAdvance) {
            nd.printTrunc();
            return;
          }
          if (length < len) nd.print(`truncated-ip6 - ${len - length} bytes missing!`);
          nd.changeSnaplen(off, len);
          len -= totalAdvance;
        } else if (jumbo.payloadLen === 0) {
          if (foundExt) {
            nd.printTrunc();
            return;
          }
          len = 40;
          nd.changeSnaplen(off, len);
          len -= totalAdvance;
        }
        ipDemuxPrint(nd, cp, len, 6, fragmented, nh, off);
        nd.popSnaplen();
        return;
    }
    ph = nh;
    nd.protocol = 'ip6';
  }
  nd.popSnaplen();
}
