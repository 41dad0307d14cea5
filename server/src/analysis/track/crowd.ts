// Findings no single connection shows: many half-open handshakes to one listener, SYNs to many
// ports of one host, and TIME_WAIT sockets piling up on one host.
import type { ConnectionOverview, Finding, TcpAnnotation } from '../types';
import { fitted, remember } from '../compact';
import { lowerBound } from '../search';

/** Half-open handshakes to one server endpoint, from at least FLOOD_SOURCES hosts, within the window. */
export const FLOOD_CONNECTIONS = 20;
export const FLOOD_SOURCES = 10;
/** Distinct destination ports from one host to another within the window. */
export const SCAN_PORTS = 20;
export const CROWD_WINDOW_SECONDS = 10;
/** Connections toward one destination that leave the same host in TIME_WAIT. */
export const TIME_WAIT_PILEUP = 50;

/** The TIME_WAIT keys of the connections that leave none (most): shared, never added to. */
const NO_KEYS: string[] = Object.freeze([]) as unknown as string[];

/** Hosts by endpoint text: a server's host, repeated by its connections, is one string. */
const HOSTS_KEPT = 4096;
const hosts = new Map<string, string>();

function hostOf(endpoint: string): string {
  const known = hosts.get(endpoint);
  if (known !== undefined) return known;
  return remember(hosts, endpoint, endpoint.slice(0, endpoint.lastIndexOf('.')), HOSTS_KEPT);
}

interface Attempt {
  connection: ConnectionOverview;
  /** The connection's first SYN. */
  packet: number;
  time: number | null;
  /** Client host and server host, the pair a port scan is counted for. */
  hostPair: string;
}

/** What the crowd rules read of one connection: the same for as long as the connection is. */
export interface CrowdFacts {
  attempt: Attempt | null;
  /** Half-open handshake: counts toward a SYN flood. */
  halfOpen: boolean;
  /** Groups of TIME_WAIT holders (host that holds, peer endpoint) the connection belongs to. */
  timeWaitKeys: string[];
}

/** One tracked connection; `crowdFacts` is filled in on first use and kept. */
export interface CrowdMember {
  connection: ConnectionOverview;
  annotations: readonly TcpAnnotation[];
  crowdFacts?: CrowdFacts;
}

/** Reads what the crowd rules need of a connection now, so its annotations may go. */
export function rememberCrowdFacts(member: CrowdMember): void {
  factsOf(member);
}

function factsOf(member: CrowdMember): CrowdFacts {
  if (member.crowdFacts) return member.crowdFacts;
  const c = member.connection;
  const syn = member.annotations.find((x) => x.step?.startsWith('handshake 1/'));
  const timeWaitKeys: string[] = [];
  if (c.finalState.client === 'TIME_WAIT') timeWaitKeys.push(`${hostOf(c.client)} ${c.server}`);
  if (c.finalState.server === 'TIME_WAIT') timeWaitKeys.push(`${hostOf(c.server)} ${c.client}`);
  const hostPair = `${hostOf(c.client)} ${hostOf(c.server)}`;
  return (member.crowdFacts = {
    attempt: syn ? { connection: c, packet: syn.packet, time: syn.time, hostPair } : null,
    halfOpen: c.handshake === 'half-open' || c.handshake === 'no answer',
    timeWaitKeys: timeWaitKeys.length > 0 ? fitted(timeWaitKeys) : NO_KEYS,
  });
}

/**
 * Within `window` seconds (or the whole capture without timestamps), the first attempt at which
 * `enough` holds for the number of attempts and of distinct `keyOf` values in the window. The
 * window slides with running counts, so each attempt costs the same whatever the group's size.
 */
function firstCrowd(
  attempts: Attempt[],
  keyOf: (a: Attempt) => string,
  enough: (count: number, distinct: number) => boolean,
): { at: Attempt; window: Attempt[] } | null {
  const counts = new Map<string, number>();
  let start = 0;
  for (let i = 0; i < attempts.length; i++) {
    const now = attempts[i]!.time;
    const key = keyOf(attempts[i]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    while (
      now !== null &&
      attempts[start]!.time !== null &&
      now - attempts[start]!.time! > CROWD_WINDOW_SECONDS
    ) {
      const old = keyOf(attempts[start]!);
      const left = counts.get(old)! - 1;
      if (left === 0) counts.delete(old);
      else counts.set(old, left);
      start++;
    }
    if (enough(i - start + 1, counts.size))
      return { at: attempts[i]!, window: attempts.slice(start, i + 1) };
  }
  return null;
}

/** A member of a crowd group: one connection's attempt or TIME_WAIT socket. */
interface Member {
  connection: ConnectionOverview;
  /** Among one connection's groups of a rule, its place (a TIME_WAIT on the client side first). */
  side?: number;
}

/** Connections that a crowd rule counts together, in id order, and what the rule found in them. */
interface Group {
  members: Member[];
  hit: Finding | null;
}

/** One crowd rule: how it groups connections and what it finds in a group. */
interface Rule {
  groups: Map<string, Group>;
  /** Groups whose `hit` is set. */
  hits: Set<Group>;
  /** What the rule finds in a group of its own members. */
  find: (members: Member[]) => Finding | null;
}

/**
 * The finding of a sliding-window rule in a group of attempts: where `enough` first holds for
 * the attempts in the window and their distinct `keyOf` values.
 */
function windowFinding(
  code: 'syn_flood' | 'port_scan',
  members: Member[],
  keyOf: (a: Attempt) => string,
  enough: (count: number, distinct: number) => boolean,
): Finding | null {
  const hit = firstCrowd(members as Attempt[], keyOf, enough);
  if (!hit) return null;
  return {
    code,
    packet: hit.at.packet,
    connection: hit.at.connection.id,
    related: hit.window.slice(0, 5).map((a) => a.packet),
    detail: {
      kind: 'crowd',
      count: hit.window.length,
      distinct: new Set(hit.window.map(keyOf)).size,
      seconds: CROWD_WINDOW_SECONDS,
    },
  };
}

const floodIn = (members: Member[]) =>
  windowFinding(
    'syn_flood',
    members,
    (a) => hostOf(a.connection.client),
    (count, sources) => count >= FLOOD_CONNECTIONS && sources >= FLOOD_SOURCES,
  );

const scanIn = (members: Member[]) =>
  windowFinding(
    'port_scan',
    members,
    (a) => a.connection.server,
    (_count, ports) => ports >= SCAN_PORTS,
  );

function pileUpIn(list: Member[]): Finding | null {
  if (list.length < TIME_WAIT_PILEUP) return null;
  const at = list[TIME_WAIT_PILEUP - 1]!.connection;
  return {
    code: 'time_wait_pileup',
    packet: at.lastPacket,
    connection: at.id,
    related: list.slice(0, 5).map((w) => w.connection.lastPacket),
    detail: { kind: 'crowd', count: list.length, distinct: list.length, seconds: 60 },
  };
}

const newRule = (find: Rule['find']): Rule => ({
  groups: new Map(),
  hits: new Set(),
  find,
});

/**
 * The crowd findings of a document's connections, kept up to date as connections are replaced or
 * added: only the groups a changed connection belongs to are looked at again.
 */
export class CrowdIndex {
  readonly #floods = newRule(floodIn);
  readonly #scans = newRule(scanIn);
  readonly #pileUps = newRule(pileUpIn);
  /** Groups changed since their rule last looked at them. */
  readonly #stale = new Map<Group, Rule>();

  /** Connections in id order. */
  constructor(members: readonly CrowdMember[]) {
    for (const m of members) this.#visit(m, (rule, key, member) => this.#push(rule, key, member));
    for (const rule of this.#rules()) for (const g of rule.groups.values()) this.#judge(rule, g);
  }

  /** `before` (a connection there was, or null for a new one) becomes `after`, with the same id. */
  replace(before: CrowdMember | null, after: CrowdMember): void {
    if (before) this.#visit(before, (rule, key, member) => this.#remove(rule, key, member));
    this.#visit(after, (rule, key, member) => this.#insert(rule, key, member));
  }

  /** Every crowd finding: floods, scans, then pile-ups, each in the order of its group's first connection. */
  findings(): Finding[] {
    for (const [group, rule] of this.#stale) this.#judge(rule, group);
    this.#stale.clear();
    const out: Finding[] = [];
    for (const rule of this.#rules()) {
      const groups = [...rule.hits].sort((a, b) => {
        const x = a.members[0]!;
        const y = b.members[0]!;
        return x.connection.id - y.connection.id || (x.side ?? 0) - (y.side ?? 0);
      });
      for (const g of groups) out.push(g.hit!);
    }
    return out;
  }

  #rules(): Rule[] {
    return [this.#floods, this.#scans, this.#pileUps];
  }

  /** Calls `visit` with each group a connection belongs to and its member there. */
  #visit(m: CrowdMember, visit: (rule: Rule, key: string, member: Member) => void): void {
    const facts = factsOf(m);
    const attempt = facts.attempt;
    if (attempt) {
      if (facts.halfOpen) visit(this.#floods, attempt.connection.server, attempt);
      visit(this.#scans, attempt.hostPair, attempt);
    }
    facts.timeWaitKeys.forEach((key, side) =>
      visit(this.#pileUps, key, { connection: m.connection, side }),
    );
  }

  #group(rule: Rule, key: string): Group {
    let g = rule.groups.get(key);
    if (!g) rule.groups.set(key, (g = { members: [], hit: null }));
    return g;
  }

  #push(rule: Rule, key: string, member: Member): void {
    const g = rule.groups.get(key);
    // A new group holds its first member in a list of one (a list grown by push keeps room for
    // 17): most groups of a flood or a scan, one per client, stay at one.
    if (g) g.members.push(member);
    else rule.groups.set(key, { members: [member], hit: null });
  }

  #insert(rule: Rule, key: string, member: Member): void {
    const g = this.#group(rule, key);
    const id = member.connection.id;
    g.members.splice(
      lowerBound(g.members, (x) => x.connection.id < id),
      0,
      member,
    );
    this.#stale.set(g, rule);
  }

  #remove(rule: Rule, key: string, member: Member): void {
    const g = rule.groups.get(key);
    if (!g) return;
    const id = member.connection.id;
    const at = lowerBound(g.members, (x) => x.connection.id < id);
    if (g.members[at]?.connection.id === id) g.members.splice(at, 1);
    if (g.members.length === 0) {
      rule.groups.delete(key);
      rule.hits.delete(g);
    } else this.#stale.set(g, rule);
  }

  #judge(rule: Rule, g: Group): void {
    if (g.members.length === 0) return;
    g.hit = rule.find(g.members);
    if (g.hit) rule.hits.add(g);
    else rule.hits.delete(g);
  }
}
