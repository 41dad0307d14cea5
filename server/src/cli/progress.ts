import type { AnalysisStage } from '../analysis';

const BAR_WIDTH = 30;
const STAGE_LABELS: Record<AnalysisStage, string> = {
  parse: 'reading lines',
  track: 'following connections',
};

/** Draws a one-line progress bar on a terminal (stderr), redrawn in place. */
export class ProgressBar {
  #drawn = false;
  #lastDraw = 0;

  constructor(private readonly out: NodeJS.WriteStream) {}

  update(stage: AnalysisStage, done: number, total: number): void {
    const now = Date.now();
    // Redrawing more than a few times a second only costs time.
    if (now - this.#lastDraw < 100 && done < total) return;
    this.#lastDraw = now;
    // Parsing is roughly the first third of the work, following connections the rest.
    const stageShare = stage === 'parse' ? [0, 0.35] : [0.35, 1];
    const fraction =
      stageShare[0]! + (stageShare[1]! - stageShare[0]!) * (total ? done / total : 1);
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
    const percent = `${Math.floor(fraction * 100)}`.padStart(3);
    this.out.write(
      `\r[${bar}] ${percent}% ${STAGE_LABELS[stage]} ${done.toLocaleString('en')}/${total.toLocaleString('en')}\x1b[K`,
    );
    this.#drawn = true;
  }

  clear(): void {
    if (this.#drawn) this.out.write('\r\x1b[K');
    this.#drawn = false;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** One line on what was analysed and how fast, e.g. for a large file on a terminal. */
export function throughputSummary(counts: {
  bytes: number;
  lines: number;
  packets: number;
  connections: number;
  seconds: number;
}): string {
  const n = (x: number) => x.toLocaleString('en');
  const s = Math.max(counts.seconds, 1e-6);
  return (
    `analysed ${megabytes(counts.bytes)}: ${n(counts.lines)} lines, ${n(counts.packets)} packets, ` +
    `${n(counts.connections)} connections in ${counts.seconds.toFixed(2)} s ` +
    `(${n(Math.round(counts.lines / s))} lines/s, ${megabytes(counts.bytes / s)}/s)`
  );
}
