import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The full path of an executable on PATH, or null. */
export function which(command: string): string | null {
  if (command.includes('/')) return isExecutable(command) ? command : null;
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir || '.', command);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Runs a short command and returns stdout and stderr together (for version strings). */
export function outputOf(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

export interface Measurement {
  wallMs: number;
  /** Peak resident set size in bytes; null when it could not be read. */
  peakRssBytes: number | null;
  /** How the peak was read: GNU time's %M, or polling /proc (approximate). */
  rssSource: 'time' | 'proc-poll' | 'none';
  exitCode: number | null;
  /** The end of stderr, for the reason of a failure. */
  stderrTail: string;
}

const GNU_TIME = '/usr/bin/time';
let gnuTime: boolean | undefined;

/** Whether /usr/bin/time is GNU time (it understands -f and -o). */
export function hasGnuTime(): boolean {
  gnuTime ??= isExecutable(GNU_TIME) && /GNU/.test(outputOf(GNU_TIME, ['--version']));
  return gnuTime;
}

/**
 * Runs a command with stdout sent to `stdoutFile` (default /dev/null) and returns its wall time
 * and peak RSS. The wall clock is Node's, around the whole child, so every tool pays the same
 * start-up overhead; the peak RSS comes from GNU time or, without it, from polling VmHWM.
 */
export async function measureCommand(
  command: string,
  args: readonly string[],
  stdoutFile = '/dev/null',
): Promise<Measurement> {
  const out = fs.openSync(stdoutFile, 'w');
  const timeFile = path.join(os.tmpdir(), `tcpdump-lens-bench-${process.pid}.time`);
  const viaTime = hasGnuTime();
  const [file, argv] = viaTime
    ? [GNU_TIME, ['-f', '%M', '-o', timeFile, command, ...args]]
    : [command, [...args]];
  let stderr = '';
  let polledPeakKb = 0;
  const start = performance.now();
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(file, argv, { stdio: ['ignore', out, 'pipe'] });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
      // Without GNU time: the kernel's high-water mark, read until the process is gone.
      const poll = viaTime
        ? undefined
        : setInterval(() => {
            const kb = child.pid === undefined ? null : procStatusKb(child.pid, 'VmHWM');
            if (kb !== null) polledPeakKb = Math.max(polledPeakKb, kb);
          }, 5);
      child.on('error', reject);
      child.on('close', (code) => {
        clearInterval(poll);
        resolve(code);
      });
    });
    const wallMs = performance.now() - start;
    let peakRssBytes: number | null = null;
    if (viaTime) {
      // GNU time writes "Command exited with non-zero status N" before the value on failure.
      const last = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
      peakRssBytes = /^\d+$/.test(last) ? Number(last) * 1024 : null;
    } else if (polledPeakKb > 0) {
      peakRssBytes = polledPeakKb * 1024;
    }
    return {
      wallMs,
      peakRssBytes,
      rssSource: peakRssBytes === null ? 'none' : viaTime ? 'time' : 'proc-poll',
      exitCode,
      stderrTail: stderr,
    };
  } finally {
    fs.closeSync(out);
    fs.rmSync(timeFile, { force: true });
  }
}

/** A "kB" field of /proc/<pid>/status (VmRSS, VmHWM), in kB; null when unreadable. */
export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
