import * as fs from 'node:fs';
import * as os from 'node:os';

export interface Machine {
  date: string;
  cores: number;
  cpuModel: string;
  totalMemoryBytes: number;
  node: string;
  os: string;
  /** 1-minute load average at the start and at the end: other work on the machine skews times. */
  loadAverage: { start: number; end: number };
  /** Version of every program timed or used to make the inputs; null when it is missing. */
  tools: Record<string, string | null>;
}

function osName(): string {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()} ${os.arch()})`;
  } catch {
    // Not Linux, or no os-release: the kernel's name is enough.
  }
  return `${os.type()} ${os.release()} ${os.arch()}`;
}

export function loadAverage(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}

export function describeMachine(
  tools: Record<string, string | null>,
  loadAtStart: number,
): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    os: osName(),
    loadAverage: { start: loadAtStart, end: loadAverage() },
    tools,
  };
}
