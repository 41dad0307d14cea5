// Further link types found in real captures: IP over InfiniBand (242), Linux ARCNET (129) and
// PPP (9, 50). Anything else prints a one-line notice (tcpdump would use a decoder that is
// not reproduced here, or refuse the file).

import { arpPrint } from './arp';
import { ETHERTYPE_NAMES } from './constants';
import { ethertypePrint } from './ethertype';
import { hex, tok2str } from './format';
import { hexAndAsciiPrint } from './hexdump';
import { ipPrint } from './ipv4';
import { ip6Print } from './ipv6';
import { mplsPrint } from './mpls';
import { NdTruncated, type Nd } from './nd';

function ipoibPrint(nd: Nd, length: number, caplen: number): void {
  nd.protocol = 'ipoib';
  if (caplen < 44 || length < 44) {
    nd.printTrunc();
    return;
  }
  const type = nd.be16(40);
  if (!ethertypePrint(nd, type, 44, length - 44, caplen - 44)) {
    nd.print(`, ethertype ${tok2str(ETHERTYPE_NAMES, 'Unknown', type)} (0x${hex(type, 4)})`);
    nd.print(`, length ${length}: `);
    hexAndAsciiPrint(nd, '\n\t', 44, caplen - 44);
  }
}

function arcnetLinuxPrint(nd: Nd, length: number, caplen: number): void {
  nd.protocol = 'arcnet_linux';
  if (caplen < 5) throw new NdTruncated();
  const type = nd.u8(4);
  let hdr = 8;
  if (type === 240 || type === 241 || type === 0x80) hdr = 5;
  else if (caplen < 8) throw new NdTruncated();
  const p = hdr;
  const len = length - hdr;
  switch (type) {
    case 240:
    case 212:
      ipPrint(nd, p, len);
      break;
    case 0xc4:
      ip6Print(nd, p, len);
      break;
    case 241:
    case 213:
    case 214:
      arpPrint(nd, p, len, caplen - hdr);
      break;
    default:
      hexAndAsciiPrint(nd, '\n\t', p, caplen - hdr);
  }
}

const PPP_NAMES: Record<number, string> = {
  0xc021: 'LCP',
  0x8021: 'IPCP',
  0x8023: 'OSICP',
  0x8281: 'MPLSCP',
  0x8057: 'IP6CP',
  0x80fd: 'CCP',
  0xc023: 'PAP',
  0xc223: 'CHAP',
};

function pppPayload(nd: Nd, proto: number, p: number, length: number): void {
  switch (proto) {
    case 0x0800:
    case 0x2f:
    case 0x21:
      ipPrint(nd, p, length);
      break;
    case 0x86dd:
    case 0x57:
      ip6Print(nd, p, length);
      break;
    case 0x281:
    case 0x283:
      mplsPrint(nd, p, length);
      break;
    case 0xfd:
      nd.print('compressed PPP data');
      break;
    default:
      nd.print(`${PPP_NAMES[proto] ?? `unknown PPP protocol (0x${hex(proto, 4)})`} `);
      hexAndAsciiPrint(nd, '\n\t', p, Math.min(length, nd.available(p)));
  }
}

function pppPrint(nd: Nd, length: number, caplen: number): void {
  nd.protocol = 'ppp';
  if (caplen < 4) {
    nd.printTrunc();
    return;
  }
  let p = 0;
  if (length < 2) {
    nd.printTrunc();
    return;
  }
  const header = nd.be16(0);
  if (header === 0x0003 || header === 0x0103 || header === 0xff03) {
    p += 2;
    length -= 2;
  }
  if (length < 2) {
    nd.printTrunc();
    return;
  }
  let proto: number;
  if (nd.u8(p) % 2) {
    proto = nd.u8(p);
    p++;
    length--;
  } else {
    proto = nd.be16(p);
    p += 2;
    length -= 2;
  }
  pppPayload(nd, proto, p, length);
}

export function otherLinkPrint(nd: Nd, linkType: number, len: number, caplen: number): void {
  switch (linkType) {
    case 242:
      ipoibPrint(nd, len, caplen);
      return;
    case 129:
      arcnetLinuxPrint(nd, len, caplen);
      return;
    case 9:
    case 50:
      pppPrint(nd, len, caplen);
      return;
    default:
      nd.print(`[unsupported link-type ${linkType}], length ${len}`);
  }
}
