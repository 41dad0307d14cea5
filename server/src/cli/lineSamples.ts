/** How many characters of a line the "not tcpdump output" message shows. */
export const EXAMPLE_CHARS = 120;

/**
 * How many non-blank lines keep their start for that message: the lines it names are the first
 * unrecognised ones of an input without a single packet, which come within the first few lines.
 */
const EXAMPLE_LINES_KEPT = 1000;

/** What `LineSamples` kept, as plain data (from another thread). */
export interface LineSampleData {
  starts: Array<[number, string]>;
  hasText: boolean;
}

/** The start of the first non-blank lines, and whether any line holds more than white space. */
export class LineSamples {
  /** The first EXAMPLE_CHARS characters of the first non-blank lines, by 0-based line number. */
  readonly starts = new Map<number, string>();
  hasText = false;

  see(text: string, line: number): void {
    if (this.starts.size < EXAMPLE_LINES_KEPT && /\S/.test(text)) {
      this.hasText = true;
      this.starts.set(line, text.slice(0, EXAMPLE_CHARS));
    }
  }

  data(): LineSampleData {
    return { starts: [...this.starts], hasText: this.hasText };
  }

  /** Adds the samples of a later part of the input, whose lines start at line `shift`. */
  adopt(later: LineSampleData, shift: number): void {
    this.hasText ||= later.hasText;
    for (const [line, text] of later.starts) {
      if (this.starts.size >= EXAMPLE_LINES_KEPT) break;
      this.starts.set(line + shift, text);
    }
  }
}
