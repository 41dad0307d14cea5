// The benchmark's inputs: one pcap per size from generatePcap.ts and tcpdump's text of it, kept in
// .data/ and reused while the generator and tcpdump are unchanged.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatSize } from './options';
import { dataDir, generatorSource, repoRoot } from './paths';
import { outputOf, which } from './proc';

export interface Capture {
  packets: number;
  /** generatorVersion() and tcpdump's version when the files were made. */
  generator: string;
  tcpdump: string | null;
  pcapPath: string;
  pcapBytes: number;
  /** tcpdump -nn -r of the pcap; null when it could not be made (see textMissing). */
  textPath: string | null;
  textBytes: number;
  textLines: number;
  textMissing?: string;
  reused: boolean;
}

interface ManifestEntry {
  generator: string;
  tcpdump: string;
  pcapBytes: number;
  textBytes: number;
  textLines: number;
}

type Manifest = Record<string, ManifestEntry>;

const manifestPath = path.join(dataDir, 'manifest.json');

/** A hash of the generator's source: any change to it makes new captures. */
export function generatorVersion(): string {
  return createHash('sha256').update(fs.readFileSync(generatorSource)).digest('hex').slice(0, 16);
}

export function tcpdumpVersion(): string | null {
  if (!which('tcpdump')) return null;
  return /tcpdump version (\S+)/.exec(outputOf('tcpdump', ['--version']))?.[1] ?? 'unknown';
}

function readManifest(): Manifest {
  try {
    return JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch {
    return {};
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return -1;
  }
}

function run(command: string, args: readonly string[], stdoutFile?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = stdoutFile === undefined ? 'inherit' : fs.openSync(stdoutFile, 'w');
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (typeof out === 'number') fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

function tsxCommand(): [string, string[]] {
  const local = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  return fs.existsSync(local) ? [local, []] : ['npx', ['tsx']];
}

/** Makes (or reuses) the pcap and its text for each size. */
export async function prepareCaptures(
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<Capture[]> {
  fs.mkdirSync(dataDir, { recursive: true });
  const generator = generatorVersion();
  const tcpdump = tcpdumpVersion();
  const manifest = readManifest();
  const captures: Capture[] = [];
  for (const packets of sizes) {
    const name = `capture-${formatSize(packets)}`;
    const pcapPath = path.join(dataDir, `${name}.pcap`);
    const textPath = path.join(dataDir, `${name}.tcpdump`);
    const known = manifest[String(packets)];
    const pcapFresh = known?.generator === generator && sizeOf(pcapPath) === known.pcapBytes;
    const textFresh =
      pcapFresh &&
      tcpdump !== null &&
      known.tcpdump === tcpdump &&
      sizeOf(textPath) === known.textBytes;
    if (pcapFresh && textFresh) {
      log(`${name}: reusing .data/${name}.{pcap,tcpdump}`);
      captures.push({ packets, pcapPath, textPath, ...known, reused: true });
      continue;
    }
    if (!pcapFresh) {
      log(`${name}: generating ${packets} packets …`);
      const [tsx, prefix] = tsxCommand();
      // Written under a temporary name so an interrupted run never leaves a half file behind.
      await run(tsx, [...prefix, generatorSource, String(packets), `${pcapPath}.tmp`]);
      fs.renameSync(`${pcapPath}.tmp`, pcapPath);
    }
    const pcapBytes = sizeOf(pcapPath);
    if (tcpdump === null) {
      const textMissing = 'tcpdump not installed (apt-get install -y tcpdump)';
      log(`${name}: no text: ${textMissing}`);
      captures.push({
        packets,
        generator,
        tcpdump,
        pcapPath,
        pcapBytes,
        textPath: null,
        textBytes: 0,
        textLines: 0,
        textMissing,
        reused: pcapFresh,
      });
      continue;
    }
    log(`${name}: tcpdump -nn -r ${name}.pcap > ${name}.tcpdump …`);
    await run('tcpdump', ['-nn', '-r', pcapPath], `${textPath}.tmp`);
    fs.renameSync(`${textPath}.tmp`, textPath);
    const entry: ManifestEntry = {
      generator,
      tcpdump,
      pcapBytes,
      textBytes: sizeOf(textPath),
      textLines: await countLines(textPath),
    };
    // Re-read: the manifest on disk is the record of what is complete.
    const latest = readManifest();
    latest[String(packets)] = entry;
    fs.writeFileSync(manifestPath, `${JSON.stringify(latest, null, 2)}\n`);
    captures.push({ packets, pcapPath, textPath, ...entry, reused: false });
  }
  return captures;
}
