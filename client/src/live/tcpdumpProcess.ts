// Running tcpdump: no editor imports, so it can be tested directly. Arguments are always passed
// as an array, never through a shell.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';

export interface CaptureInterface {
  name: string;
  description: string;
}

/** Parses `tcpdump -D`: `1.eth0 [Up, Running, Connected]`, `2.any (Pseudo-device …) [Up, Running]`. */
export function parseInterfaceList(output: string): CaptureInterface[] {
  const out: CaptureInterface[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^\d+\.(\S+)\s*(.*)$/.exec(line.trim());
    if (m) out.push({ name: m[1]!, description: m[2]!.trim() });
  }
  return out;
}

/** A message a user can act on, for the ways starting tcpdump fails. */
export function explainFailure(
  tcpdumpPath: string,
  error: { code?: string | number | null; message: string } | null,
  stderr: string,
): string {
  if (error?.code === 'ENOENT') {
    return `tcpdump was not found at "${tcpdumpPath}". Install it (for example: sudo apt-get install tcpdump) or set tcpdumpLens.tcpdumpPath.`;
  }
  if (error?.code === 'EACCES') return `"${tcpdumpPath}" cannot be executed (permission denied).`;
  if (/permission|Operation not permitted|not permitted/i.test(stderr)) {
    return (
      `tcpdump may not capture here: ${stderr.trim()}. Give it the capture capabilities ` +
      `(sudo setcap cap_net_raw,cap_net_admin=eip "$(command -v tcpdump)") or run VS Code as a user allowed to capture.`
    );
  }
  const detail = stderr.trim() || error?.message || 'unknown error';
  return `tcpdump failed: ${detail}`;
}

/** `tcpdump -D`, or a clear error. */
export function listInterfaces(
  tcpdumpPath: string,
): Promise<{ interfaces: CaptureInterface[] } | { error: string }> {
  return new Promise((resolve) => {
    execFile(tcpdumpPath, ['-D'], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) resolve({ error: explainFailure(tcpdumpPath, error, stderr) });
      else resolve({ interfaces: parseInterfaceList(stdout) });
    });
  });
}

/** The arguments of a live capture: line-buffered, numeric, one interface, the filter words. */
export function liveCaptureArgs(interfaceName: string, filter: string): string[] {
  return ['-l', '-nn', '-i', interfaceName, ...filter.split(/\s+/).filter((w) => w.length > 0)];
}

export function startTcpdump(
  tcpdumpPath: string,
  interfaceName: string,
  filter: string,
): ChildProcessWithoutNullStreams {
  return spawn(tcpdumpPath, liveCaptureArgs(interfaceName, filter), {
    shell: false,
    stdio: 'pipe',
  });
}
