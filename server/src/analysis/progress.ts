/** Tells the caller how far a long loop has come: `done` of `total` lines or packets. */
export type ProgressReport = (done: number, total: number) => void;

/** How often long loops report: often enough for a progress bar, rarely enough to cost nothing. */
export const PROGRESS_EVERY = 32768;
