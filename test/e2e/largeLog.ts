/**
 * A tcpdump log larger than VS Code hands to extensions, made at test time: a pcap of interleaved
 * connections with retransmissions from the scale benchmark's generator, rendered by tcpdump
 * itself (`tcpdump -nn -r`) and cut at the first line end past the wanted size.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/paths';

const execFileAsync = promisify(execFile);
const generator = path.join(repoRoot, 'bench', 'scale', 'generatePcap.ts');
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

/** Bytes per packet line of the generator's traffic as `tcpdump -nn` prints it, at least. */
const MIN_LINE_BYTES = 100;

export interface LargeLog {
  file: string;
  bytes: number;
  lines: number;
}

function requireTcpdump(): void {
  const probe = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(
      'tcpdump is needed to render the large log of this test and was not found ' +
        `(${probe.error?.message ?? `exit ${probe.status}`}): install it (Debian: apt-get install tcpdump).`,
    );
}

/**
 * Writes `dir/large.tcpdump`: real tcpdump output of just over `minBytes` bytes, whole lines.
 * tcpdump is stopped (by its PID) once enough is written.
 */
export async function writeLargeLog(dir: string, minBytes: number): Promise<LargeLog> {
  requireTcpdump();
  fs.mkdirSync(dir, { recursive: true });
  const pcap = path.join(dir, 'large.pcap');
  // In a process of its own: the test's process stays free to drive the browser meanwhile.
  await execFileAsync(tsx, [generator, String(Math.ceil(minBytes / MIN_LINE_BYTES)), pcap], {
    timeout: 120_000,
  });
  const file = path.join(dir, 'large.tcpdump');
  const out = fs.openSync(file, 'w');
  let bytes = 0;
  let lines = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      // UTC: the same text on every machine.
      const tcpdump = spawn('tcpdump', ['-nn', '-r', pcap], {
        env: { ...process.env, TZ: 'UTC' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let done = false;
      tcpdump.stderr.setEncoding('utf8');
      tcpdump.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
      tcpdump.stdout.on('data', (chunk: Buffer) => {
        if (done) return;
        let take = chunk.length;
        if (bytes + chunk.length > minBytes) {
          const end = chunk.indexOf(10, Math.max(0, minBytes - bytes));
          if (end !== -1) {
            take = end + 1;
            done = true;
          }
        }
        fs.writeSync(out, chunk, 0, take);
        bytes += take;
        for (let i = chunk.indexOf(10); i !== -1 && i < take; i = chunk.indexOf(10, i + 1)) lines++;
        if (done) {
          tcpdump.kill();
          resolve();
        }
      });
      tcpdump.on('error', reject);
      tcpdump.on('close', (code) => {
        if (done) return;
        reject(
          new Error(
            `tcpdump -nn -r ${pcap} ended (exit ${code}) after ${bytes} bytes, before ${minBytes}: ${stderr.trim()}`,
          ),
        );
      });
    });
  } finally {
    fs.closeSync(out);
    fs.rmSync(pcap, { force: true });
  }
  return { file, bytes, lines };
}
