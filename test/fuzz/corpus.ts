// Seed material for the fuzzer: real tcpdump text (the repository's fixtures, the sample, the
// renders of the capture tests and, when present, tcpdump's own regression outputs in
// ../shared) and real capture files (test/baseline/pcap and ../shared/.../pcap).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filesBelow, repoRoot, sharedCorpus } from '../support/paths';

export interface TextCorpus {
  /** Whole documents, as read (line ends kept). */
  documents: string[];
  /** Distinct non-empty lines of all documents. */
  lines: string[];
  /** Lines that carry a TCP header (`Flags [`, `: tcp N`, `[|tcp]`). */
  tcpLines: string[];
  /** Where the documents came from (for the start-up banner). */
  sources: Record<string, number>;
}

export interface CaptureFile {
  name: string;
  bytes: Uint8Array;
}

function splitAny(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

export function loadTextCorpus(): TextCorpus {
  const groups: Record<string, string[]> = {
    'test/baseline/fixtures': filesBelow(path.join(repoRoot, 'test/baseline/fixtures'), '.tcpdump'),
    samples: filesBelow(path.join(repoRoot, 'samples'), '.tcpdump'),
    'test/capture/expected': filesBelow(path.join(repoRoot, 'test/capture/expected'), '.tcpdump'),
    '../shared/corpus/tcpdump-tests': filesBelow(sharedCorpus, '.out'),
  };
  const documents: string[] = [];
  const sources: Record<string, number> = {};
  for (const [name, files] of Object.entries(groups)) {
    sources[name] = files.length;
    for (const f of files) documents.push(fs.readFileSync(f, 'utf8'));
  }
  const seen = new Set<string>();
  const lines: string[] = [];
  const tcpLines: string[] = [];
  for (const doc of documents) {
    for (const line of splitAny(doc)) {
      if (line.length === 0 || seen.has(line)) continue;
      seen.add(line);
      lines.push(line);
      if (/Flags \[|: tcp \d|\[\|tcp\]/.test(line)) tcpLines.push(line);
    }
  }
  return { documents, lines, tcpLines, sources };
}

export function loadCaptureCorpus(): CaptureFile[] {
  const files = [
    ...filesBelow(path.join(repoRoot, 'test/baseline/pcap'), '.pcap'),
    ...filesBelow(path.join(sharedCorpus, 'pcap'), '.pcap'),
    ...filesBelow(path.join(sharedCorpus, 'pcap'), '.pcapng'),
  ];
  return files.map((f) => ({
    name: path.relative(repoRoot, f),
    bytes: new Uint8Array(fs.readFileSync(f)),
  }));
}

/**
 * A dense, TCP-heavy document of at least `minBytes` characters (the baseline fixtures,
 * repeated): the reference for the throughput every input is compared with.
 */
export function baselineDocument(minBytes: number): string {
  const files = filesBelow(path.join(repoRoot, 'test/baseline/fixtures'), '.tcpdump');
  const one = files.map((f) => fs.readFileSync(f, 'utf8').replace(/\r\n?/g, '\n')).join('');
  const parts: string[] = [];
  let size = 0;
  while (size < minBytes) {
    parts.push(one);
    size += one.length;
  }
  return parts.join('');
}
