// Shrinking a failing input: delete lines (halves, quarters… single lines) while it still fails,
// then characters within what is left; for captures, byte ranges. The predicate may be slow
// (it runs the analysis), so the shrinker stops at a time or step budget and returns the
// smallest failing input found so far.

export interface ShrinkBudget {
  /** Wall-clock limit, milliseconds. */
  ms: number;
  /** Limit on predicate calls. */
  steps: number;
}

export interface ShrinkResult<T> {
  input: T;
  steps: number;
  ms: number;
}

type Predicate<T> = (candidate: T) => Promise<boolean>;

/** Delta debugging over a list: removes chunks of decreasing size while `fails` holds. */
async function shrinkList<T>(
  items: T[],
  fails: (items: T[]) => Promise<boolean>,
  out: () => boolean,
): Promise<T[]> {
  let current = items;
  let chunk = Math.ceil(current.length / 2);
  while (chunk >= 1 && current.length > 0 && !out()) {
    let removed = false;
    for (let i = 0; i < current.length && !out();) {
      const candidate = current.slice(0, i).concat(current.slice(i + chunk));
      if (await fails(candidate)) {
        current = candidate;
        removed = true;
      } else i += chunk;
    }
    // After a pass that removed something the same size is tried again, else a finer one.
    chunk = removed ? Math.min(chunk, Math.ceil(current.length / 2)) : Math.floor(chunk / 2);
  }
  return current;
}

/** Splits text into lines keeping each line's own ending, so joining gives the text back. */
function linesWithEnds(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

export async function shrinkText(
  input: string,
  fails: Predicate<string>,
  budget: ShrinkBudget,
): Promise<ShrinkResult<string>> {
  const t0 = Date.now();
  let steps = 0;
  const out = () => steps >= budget.steps || Date.now() - t0 > budget.ms;
  const counted: Predicate<string> = async (c) => {
    steps++;
    return fails(c);
  };
  let lines = await shrinkList(linesWithEnds(input), (ls) => counted(ls.join('')), out);
  // Then characters: a long line is first cut in blocks, then one character at a time.
  for (let i = 0; i < lines.length && !out(); i++) {
    const chars = [...lines[i]!];
    const before = lines.slice(0, i).join('');
    const after = lines.slice(i + 1).join('');
    const smaller = await shrinkList(chars, (cs) => counted(before + cs.join('') + after), out);
    lines = [...lines.slice(0, i), smaller.join(''), ...lines.slice(i + 1)].filter(
      (l) => l.length > 0,
    );
  }
  return { input: lines.join(''), steps, ms: Date.now() - t0 };
}

export async function shrinkBytes(
  input: Uint8Array,
  fails: Predicate<Uint8Array>,
  budget: ShrinkBudget,
): Promise<ShrinkResult<Uint8Array>> {
  const t0 = Date.now();
  let steps = 0;
  const out = () => steps >= budget.steps || Date.now() - t0 > budget.ms;
  // Blocks of 16 bytes first (records and headers are multiples of 4), then single bytes.
  const blocks: Uint8Array[] = [];
  for (let i = 0; i < input.length; i += 16) blocks.push(input.slice(i, i + 16));
  const join = (parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
  const kept = await shrinkList(
    blocks,
    async (bs) => {
      steps++;
      return fails(join(bs));
    },
    out,
  );
  const bytes = [...join(kept)];
  const smallest = await shrinkList(
    bytes,
    async (bs) => {
      steps++;
      return fails(Uint8Array.from(bs));
    },
    () => out() || bytes.length > 4096,
  );
  return { input: Uint8Array.from(smallest), steps, ms: Date.now() - t0 };
}
