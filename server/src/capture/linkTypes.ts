// LINKTYPE_* values (https://www.tcpdump.org/linktypes.html) the renderer knows, their names,
// and libpcap's snapshot-length rules.

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW_12: 12,
  RAW_14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** libpcap's name and description of each link type the renderer prints. */
const NAMES: Record<number, string> = {
  0: 'NULL (BSD loopback)',
  1: 'EN10MB (Ethernet)',
  9: 'PPP (PPP)',
  12: 'RAW (Raw IP)',
  50: 'PPP_SERIAL (PPP over serial)',
  101: 'RAW (Raw IP)',
  108: 'LOOP (OpenBSD loopback)',
  113: 'LINUX_SLL (Linux cooked v1)',
  129: 'ARCNET_LINUX (Linux ARCNET)',
  228: 'IPV4 (Raw IPv4)',
  229: 'IPV6 (Raw IPv6)',
  242: 'IPOIB (RFC 4391 IP-over-Infiniband)',
  276: 'LINUX_SLL2 (Linux cooked v2)',
};

/** Link types the renderer decodes (14 is OpenBSD's raw IP, which tcpdump on Linux refuses). */
const SUPPORTED = new Set([...Object.keys(NAMES).map(Number), 14]);

/** tcpdump's name for a link type (`EN10MB (Ethernet)`), or the bare number when unknown. */
export function linkTypeName(linkType: number): string {
  return NAMES[linkType] ?? String(linkType);
}

/** Whether the renderer decodes packets of this link type. */
export function isSupportedLinkType(linkType: number): boolean {
  return SUPPORTED.has(linkType);
}

/** libpcap max_snaplen_for_dlt: the largest sane captured length. */
export function maxSnapLength(linkType: number): number {
  switch (linkType) {
    case 231: // DBUS
      return 128 * 1024 * 1024;
    case 279: // EBHSCR
      return 8 * 1024 * 1024;
    case 249: // USBPCAP
      return 1024 * 1024;
    default:
      return 262144;
  }
}

/** libpcap pcap_adjust_snapshot: 0 or an oversized snapshot length means "the maximum". */
export function adjustSnapLength(linkType: number, snaplen: number): number {
  const max = maxSnapLength(linkType);
  return snaplen === 0 || snaplen > max ? max : snaplen;
}

/**
 * The line tcpdump writes to stderr when it opens a file:
 * `reading from file F, link-type EN10MB (Ethernet), snapshot length 262144` (for pcapng, the
 * first interface's). Null when there is no interface.
 */
export function readingFromFileLine(
  fileName: string,
  interfaces: ReadonlyArray<{ linkType: number; snapLength: number }>,
): string | null {
  const first = interfaces[0];
  if (!first) return null;
  return `reading from file ${fileName}, link-type ${linkTypeName(first.linkType)}, snapshot length ${first.snapLength}`;
}
