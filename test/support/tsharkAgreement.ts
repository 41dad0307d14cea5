import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis, FindingCode } from '../../server/src/analysis';
import { analyze } from '../../server/src/analysis';
import { repoRoot, sharedCorpus, sharedCorpusPresent } from './paths';

/** tshark's tcp.analysis.* flags, in the order the report prints them. */
export const WIRESHARK_FLAGS = [
  'retransmission',
  'fast_retransmission',
  'spurious_retransmission',
  'out_of_order',
  'lost_segment',
  'ack_lost_segment',
  'duplicate_ack',
  'zero_window',
  'zero_window_probe',
  'zero_window_probe_ack',
  'window_full',
  'window_update',
  'keep_alive',
  'keep_alive_ack',
  'reused_ports',
] as const;
export type WiresharkFlag = (typeof WIRESHARK_FLAGS)[number];

export interface TsharkExpected {
  pcap: string;
  tshark: string;
  frames: number;
  tcpFrames: Array<number | string>;
  flags: Record<string, WiresharkFlag[]>;
}

/**
 * The flags Wireshark would show for a packet we annotated. Wireshark also marks fast and
 * spurious retransmissions (and SYN retransmissions) as retransmissions.
 */
export function asWiresharkFlags(findings: readonly FindingCode[]): Set<WiresharkFlag> {
  const out = new Set<WiresharkFlag>();
  for (const f of findings) {
    if (f === 'syn_retransmission') out.add('retransmission');
    else if ((WIRESHARK_FLAGS as readonly string[]).includes(f)) out.add(f as WiresharkFlag);
    if (f === 'fast_retransmission' || f === 'spurious_retransmission') out.add('retransmission');
  }
  return out;
}

function expandFrames(list: Array<number | string>): Set<number> {
  const out = new Set<number>();
  for (const item of list) {
    if (typeof item === 'number') out.add(item);
    else {
      const [a, b] = item.split('-').map(Number);
      for (let f = a!; f <= b!; f++) out.add(f);
    }
  }
  return out;
}

export interface Disagreement {
  source: string;
  frame: number;
  flag: WiresharkFlag;
  /** `extra`: we flag it, tshark does not; `missing`: tshark flags it, we do not. */
  kind: 'extra' | 'missing';
}

export interface Tally {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
}

export interface AgreementResult {
  tally: Record<WiresharkFlag, Tally>;
  disagreements: Disagreement[];
  comparedFrames: number;
  /** tshark TCP frames for which the text carries no analysable TCP header (e.g. `[|tcp]`, `-q`). */
  uncomparableFrames: number;
}

export function emptyResult(): AgreementResult {
  const tally = Object.fromEntries(
    WIRESHARK_FLAGS.map((f) => [f, { truePositive: 0, falsePositive: 0, falseNegative: 0 }]),
  ) as Record<WiresharkFlag, Tally>;
  return { tally, disagreements: [], comparedFrames: 0, uncomparableFrames: 0 };
}

/** Compares one text rendering's analysis with tshark's flags for the same capture. */
export function compareWithTshark(
  source: string,
  analysis: Analysis,
  expected: TsharkExpected,
  into: AgreementResult,
): void {
  const tcpFrames = expandFrames(expected.tcpFrames);
  const annotations = new Map(analysis.tcp.map((a) => [a.packet, a]));
  const seen = new Set<number>();
  analysis.packets.forEach((p, i) => {
    const frame = p.frameNumber ?? i + 1;
    const a = annotations.get(p.packet);
    if (!tcpFrames.has(frame) || !a || !p.tcp?.hasFlags) return;
    seen.add(frame);
    into.comparedFrames++;
    const ours = asWiresharkFlags(a.findings);
    const theirs = new Set(expected.flags[String(frame)] ?? []);
    for (const flag of WIRESHARK_FLAGS) {
      const t = into.tally[flag];
      if (ours.has(flag) && theirs.has(flag)) t.truePositive++;
      else if (ours.has(flag)) {
        t.falsePositive++;
        into.disagreements.push({ source, frame, flag, kind: 'extra' });
      } else if (theirs.has(flag)) {
        t.falseNegative++;
        into.disagreements.push({ source, frame, flag, kind: 'missing' });
      }
    }
  });
  into.uncomparableFrames += [...tcpFrames].filter((f) => !seen.has(f)).length;
}

export interface ComparisonSource {
  /** Text file shown in reports. */
  name: string;
  textFile: string;
  expected: TsharkExpected;
}

const expectedDir = path.join(repoRoot, 'test', 'tshark', 'expected');

function readExpected(file: string): TsharkExpected {
  return JSON.parse(fs.readFileSync(path.join(expectedDir, file), 'utf8')) as TsharkExpected;
}

/** Every text rendering that has tshark flags to compare with: repository fixtures, then the corpus. */
export function comparisonSources(): ComparisonSource[] {
  const sources: ComparisonSource[] = [];
  for (const file of fs.readdirSync(expectedDir).sort()) {
    if (!file.startsWith('fixture__')) continue;
    const scenario = file.slice('fixture__'.length, -'.json'.length);
    const dir = path.join(repoRoot, 'test', 'baseline', 'fixtures', scenario);
    if (!fs.existsSync(dir)) continue;
    for (const v of fs.readdirSync(dir).sort()) {
      if (!v.endsWith('.tcpdump') || v === 'q.tcpdump') continue;
      sources.push({
        name: `${scenario}/${v}`,
        textFile: path.join(dir, v),
        expected: readExpected(file),
      });
    }
  }
  if (sharedCorpusPresent()) {
    const index = fs
      .readFileSync(path.join(sharedCorpus, 'INDEX.tsv'), 'utf8')
      .split('\n')
      .slice(1);
    for (const row of index) {
      const [outFile, pcapFile] = row.split('\t');
      if (!outFile || !pcapFile || !pcapFile.includes('pcap/')) continue;
      const base = path.basename(pcapFile).replace(/\.[^.]+$/, '');
      const expectedFile = `corpus__${base}.json`;
      if (!fs.existsSync(path.join(expectedDir, expectedFile))) continue;
      sources.push({
        name: `corpus/${outFile}`,
        textFile: path.join(sharedCorpus, outFile),
        expected: readExpected(expectedFile),
      });
    }
  }
  return sources;
}

export function runAgreement(sources: ComparisonSource[]): AgreementResult {
  const result = emptyResult();
  for (const s of sources)
    compareWithTshark(s.name, analyze(fs.readFileSync(s.textFile, 'utf8')), s.expected, result);
  return result;
}

export function precision(t: Tally): number | null {
  const d = t.truePositive + t.falsePositive;
  return d === 0 ? null : t.truePositive / d;
}

export function recall(t: Tally): number | null {
  const d = t.truePositive + t.falseNegative;
  return d === 0 ? null : t.truePositive / d;
}
