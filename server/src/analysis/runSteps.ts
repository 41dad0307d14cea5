/** Runs a generator made of steps to its end, and returns what it returns. */
export function runSteps<R>(steps: Generator<unknown, R, void>): R {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
