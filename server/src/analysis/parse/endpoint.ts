import { remember } from '../compact';
import type { Endpoint } from '../types';
import { parseUintStrict } from './text';

/** Service names tcpdump prints instead of numbers (from /etc/services) for common TCP ports. */
const SERVICE_PORTS: Readonly<Record<string, number>> = {
  'ftp-data': 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  gopher: 70,
  finger: 79,
  http: 80,
  kerberos: 88,
  pop3: 110,
  sunrpc: 111,
  auth: 113,
  nntp: 119,
  ntp: 123,
  'netbios-ssn': 139,
  imap2: 143,
  imap: 143,
  snmp: 161,
  bgp: 179,
  ldap: 389,
  https: 443,
  'microsoft-ds': 445,
  submission: 587,
  ldaps: 636,
  rsync: 873,
  imaps: 993,
  pop3s: 995,
  socks: 1080,
  'ms-sql-s': 1433,
  openvpn: 1194,
  mysql: 3306,
  postgresql: 5432,
  x11: 6000,
  'http-alt': 8080,
  webcache: 8080,
  redis: 6379,
  mongodb: 27017,
  memcache: 11211,
  'xmpp-client': 5222,
  ircd: 6667,
  'domain-s': 853,
  rtsp: 554,
  sip: 5060,
};

/** Port number for a printed port: numeric, or a known service name. */
export function portNumberOf(port: string): number | null {
  const n = parseUintStrict(port);
  if (n !== null) return n <= 65535 ? n : null;
  return SERVICE_PORTS[port] ?? null;
}

/**
 * Splits a printed `HOST.PORT` token. The port follows the last dot for IPv4, IPv6 and names.
 * A token with no dot is an address without a port (IPv6 cut before the ports).
 */
export function parseEndpoint(token: string): Endpoint {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || dot === token.length - 1) return { host: token, port: '', portNumber: null };
  const host = token.slice(0, dot);
  const port = token.slice(dot + 1);
  // A dotted IPv4 address without a port (four numeric parts, last < 256) has no port to split.
  if (
    /^\d+\.\d+\.\d+$/.test(host) &&
    parseUintStrict(port) !== null &&
    token.split('.').length === 4
  ) {
    return { host: token, port: '', portNumber: null };
  }
  return { host, port, portNumber: portNumberOf(port) };
}

/** Endpoint with only a port (IPv6 extension headers print `SPORT > DPORT:`). */
export function portOnlyEndpoint(host: string, port: string): Endpoint {
  return { host, port, portNumber: portNumberOf(port) };
}

/**
 * The texts of the endpoints last written. The parser shares endpoint objects (never modified),
 * so a server seen in a hundred thousand connections has one text, not one per connection and
 * per flow key.
 */
const texts = new Map<Endpoint, string>();

/** `host.port` as tcpdump prints it (the host or the port alone when only one was printed). */
export function endpointText(e: Endpoint): string {
  const known = texts.get(e);
  if (known !== undefined) return known;
  return remember(
    texts,
    e,
    e.port === '' ? e.host : e.host === '' ? e.port : `${e.host}.${e.port}`,
  );
}
