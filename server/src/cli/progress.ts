import type { AnalysisStage } from '../analysis';

const BAR_WIDTH = 30;

/** What the bar shows: reading the input (bytes), then the analysis stages (lines, packets). */
export type ProgressStage = 'read' | AnalysisStage;

const STAGE_LABELS: Record<ProgressStage, string> = {
  read: 'reading',
  parse: 'reading lines',
  track: 'following connections',
};

/** Reading (or parsing) is roughly the first third of the work, following connections the rest. */
const STAGE_SHARE: Record<ProgressStage, readonly [number, number]> = {
  read: [0, 0.35],
  parse: [0, 0.35],
  track: [0.35, 1],
};

/** Draws a one-line progress bar on a terminal (stderr), redrawn in place. */
export class ProgressBar {
  #drawn = false;
  #lastDraw = 0;

  constructor(private readonly out: NodeJS.WriteStream) {}

  /** `done` of `total` lines or packets of an analysis stage. */
  update(stage: AnalysisStage, done: number, total: number): void {
    this.#draw(
      stage,
      total ? done / total : 1,
      `${done.toLocaleString('en')}/${total.toLocaleString('en')}`,
      done >= total,
    );
  }

  /** `bytes` read of an input of `size` bytes (null: the size is not known, as on a pipe). */
  read(bytes: number, size: number | null): void {
    if (size === null) this.#draw('read', null, megabytes(bytes), false);
    else this.#draw('read', size ? bytes / size : 1, megabytes(bytes, size), bytes >= size);
  }

  clear(): void {
    if (this.#drawn) this.out.write('\r\x1b[K');
    this.#drawn = false;
  }

  /** `part` null: how far is not known; the bar stays at the start of the stage. */
  #draw(stage: ProgressStage, part: number | null, counts: string, last: boolean): void {
    const now = Date.now();
    // Redrawing more than a few times a second only costs time.
    if (now - this.#lastDraw < 100 && !last) return;
    this.#lastDraw = now;
    const [from, to] = STAGE_SHARE[stage];
    const fraction = from + (to - from) * Math.min(Math.max(part ?? 0, 0), 1);
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
    const percent = part === null ? '    ' : `${Math.floor(fraction * 100)}%`.padStart(4);
    this.out.write(`\r[${bar}] ${percent} ${STAGE_LABELS[stage]} ${counts}\x1b[K`);
    this.#drawn = true;
  }
}

/** `12.3 MB`, or `12.3/108.0 MB` with a total. */
function megabytes(bytes: number, total?: number): string {
  const mb = (x: number) => (x / 1e6).toFixed(1);
  return total === undefined ? `${mb(bytes)} MB` : `${mb(bytes)}/${mb(total)} MB`;
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
