// After an edit, only a few 4-tuples are tracked again. Putting every flow together anew costs
// time in proportion to the whole document; this replaces just the connections that changed.
import type { Finding, TcpAnnotation } from '../types';
import { indexOfPacket } from './connectionTrack';
import type { TrackedConnection } from './flowTracking';
import { relabel } from './flowTracking';
import type { Assembly } from './tracker';
import { applyCrowdFindings } from './tracker';

/** The connections of one 4-tuple before and after it was tracked again. */
export interface FlowChange {
  before: readonly TrackedConnection[];
  after: readonly TrackedConnection[];
}

/**
 * Gives the re-tracked connections their ids: the id they had when they start at the same
 * packet, the next free ids (in the order of their first packet) when they start after every
 * connection there was. Null when ids would move (a connection gone, or new one in between).
 */
function keepIds(
  previous: TrackedConnection[],
  changes: readonly FlowChange[],
): { tracked: TrackedConnection[]; changed: TrackedConnection[] } | null {
  const tracked = previous;
  const lastFirstPacket = previous.at(-1)?.connection.firstPacket ?? 0;
  const changed: TrackedConnection[] = [];
  const added: TrackedConnection[] = [];
  for (const { before, after } of changes) {
    if (after.length < before.length) return null;
    for (let i = 0; i < after.length; i++) {
      const t = after[i]!;
      const old = before[i];
      if (old) {
        if (t.connection.firstPacket !== old.connection.firstPacket) return null;
        relabel(t, old.connection.id);
        tracked[old.connection.id - 1] = t;
        changed.push(t);
      } else if (t.connection.firstPacket > lastFirstPacket) {
        added.push(t);
      } else {
        return null;
      }
    }
  }
  added.sort((a, b) => a.connection.firstPacket - b.connection.firstPacket);
  for (const t of added) {
    relabel(t, tracked.length + 1);
    tracked.push(t);
    changed.push(t);
  }
  changed.sort((a, b) => a.connection.id - b.connection.id);
  return { tracked, changed };
}

/**
 * The document's annotations with those of the changed connections replaced. Null when a packet
 * gained or lost its annotation before the last one (every later annotation would move).
 */
function replaceAnnotations(
  previous: TcpAnnotation[],
  changes: readonly FlowChange[],
  changed: readonly TrackedConnection[],
): TcpAnnotation[] | null {
  const annotations = previous;
  const lastAnnotated = previous.at(-1)?.packet ?? 0;
  const before = new Set<number>();
  for (const { before: list } of changes)
    for (const t of list) for (const a of t.annotations) before.add(a.packet);
  const appended: TcpAnnotation[] = [];
  for (const t of changed) {
    for (const a of t.annotations) {
      if (before.delete(a.packet)) annotations[indexOfPacket(annotations, a.packet)] = a;
      else if (a.packet > lastAnnotated) appended.push(a);
      else return null;
    }
  }
  if (before.size > 0) return null;
  appended.sort((a, b) => a.packet - b.packet);
  for (const a of appended) annotations.push(a);
  return annotations;
}

const sameFindings = (a: readonly Finding[], b: readonly Finding[]): boolean =>
  a.length === b.length && JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges two lists of findings, each in the document's order: by packet, and at one packet a
 * connection's own findings before crowd findings (as a full assembly orders them).
 */
function mergeFindings(
  kept: readonly Finding[],
  added: readonly Finding[],
  isCrowd: (f: Finding) => boolean,
): Finding[] {
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length && j < added.length) {
    const k = kept[i]!;
    const a = added[j]!;
    const addedFirst = a.packet < k.packet || (a.packet === k.packet && !isCrowd(a) && isCrowd(k));
    out.push(addedFirst ? (j++, a) : (i++, k));
  }
  while (i < kept.length) out.push(kept[i++]!);
  while (j < added.length) out.push(added[j++]!);
  return out;
}

/**
 * The assembly after the flows in `changes` were tracked again, equal to assembling every flow
 * from scratch; time in proportion to the changed connections and the findings. The previous
 * assembly's arrays are updated in place and become the new one's. Null when the connections'
 * ids or the annotations' positions would move: then only a full assembly is right (and the
 * previous assembly is not to be used again).
 */
export function reassembleFlows(
  previous: Assembly,
  changes: readonly FlowChange[],
): Assembly | null {
  const ids = keepIds(previous.tracked, changes);
  if (!ids) return null;
  const { tracked, changed } = ids;
  const annotations = replaceAnnotations(previous.annotations, changes, changed);
  if (!annotations) return null;
  const changedIds = new Set(changed.map((t) => t.connection.id));

  const connections = previous.connections;
  for (const t of changed) connections[t.connection.id - 1] = t.connection;

  // Crowd findings: when they are what they were, only the changed connections need theirs
  // again; otherwise every connection a crowd finding was or is on goes back to its own findings.
  const crowdIndex = previous.crowdIndex;
  for (const { before, after } of changes)
    after.forEach((t, i) => crowdIndex.replace(before[i] ?? null, t));
  const found = crowdIndex.findings();
  const crowdSame = sameFindings(found, previous.crowd);
  const crowd = crowdSame ? previous.crowd : found;
  const affected = new Set(changedIds);
  if (!crowdSame) {
    for (const f of previous.crowd) affected.add(f.connection);
    for (const f of crowd) affected.add(f.connection);
    for (const f of previous.crowd) {
      const own = tracked[f.connection - 1];
      if (!own || changedIds.has(f.connection)) continue;
      connections[f.connection - 1] = own.connection;
      const at = indexOfPacket(annotations, f.packet);
      const original = own.annotations[indexOfPacket(own.annotations, f.packet)];
      if (at >= 0 && original) annotations[at] = original;
    }
  }
  applyCrowdFindings(
    crowd.filter((f) => affected.has(f.connection)),
    annotations,
    connections,
  );

  const previousCrowd = new Set(previous.crowd);
  const kept = previous.findings.filter((f) =>
    previousCrowd.has(f) ? crowdSame : !changedIds.has(f.connection),
  );
  const added: Finding[] = [];
  for (const t of changed) for (const f of t.findings) added.push(f);
  if (!crowdSame) for (const f of crowd) added.push(f);
  added.sort((a, b) => a.packet - b.packet);
  const crowdNow = new Set(crowd);
  const findings = mergeFindings(kept, added, (f) => crowdNow.has(f));
  return { annotations, connections, findings, tracked, crowd, crowdIndex };
}
