/** Tells the caller how far a long loop has come: `done` of `total` lines or packets. */
export type ProgressReport = (done: number, total: number) => void;

/** How often long loops report: often enough for a progress bar, rarely enough to cost nothing. */
export const PROGRESS_EVERY = 32768;

export type AnalysisStage = 'parse' | 'track';

export interface AnalyzeOptions {
  /** Told how far the analysis has come, every few tens of thousands of lines or packets. */
  onProgress?: (stage: AnalysisStage, done: number, total: number) => void;
}

/** The caller's progress callback for one stage; whatever it does, the analysis goes on. */
export function reporter(
  options: AnalyzeOptions,
  stage: AnalysisStage,
): ProgressReport | undefined {
  const onProgress = options.onProgress;
  if (!onProgress) return undefined;
  return (done, total) => {
    try {
      onProgress(stage, done, total);
    } catch {
      // A failing progress display must not cost the user the analysis.
    }
  };
}
