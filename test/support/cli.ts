// The built command-line tool as the CLI tests run it, and the inputs they share.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filesBelow, repoRoot, sharedCorpus, sharedCorpusPresent } from './paths';

export const cli = path.join(repoRoot, 'dist', 'cli.js');
export const fixturesDir = path.join(repoRoot, 'test', 'baseline', 'fixtures');
export const sample = path.join(repoRoot, 'samples', 'http-session.tcpdump');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Standard input. */
  input?: string | Buffer;
  /** Options of node itself (a heap limit). */
  nodeArgs?: string[];
  /** The temporary folder the tool is given (TMPDIR). */
  tmpdir?: string;
}

/** Runs the built CLI to its end, colour off. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), cli, ...args], {
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...(options.tmpdir ? { TMPDIR: options.tmpdir } : {}) },
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Stops a suite at once when the CLI has not been built. */
export function assertCliBuilt(): void {
  assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: run npm run build first');
}

/** Every tcpdump log the tests stream: the sample, the fixtures and, when present, the corpus. */
export function streamedLogs(): string[] {
  return [
    sample,
    ...filesBelow(fixturesDir, '.tcpdump'),
    ...(sharedCorpusPresent() ? filesBelow(sharedCorpus, '.out') : []),
  ];
}

/** Every capture file (pcap, pcapng) the tests hold. */
export function captureFiles(): string[] {
  const tests = path.join(repoRoot, 'test');
  return filesBelow(tests, '.pcap').concat(filesBelow(tests, '.pcapng'));
}
