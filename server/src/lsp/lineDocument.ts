import type {
  Position,
  Range,
  TextDocument,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-textdocument';

/** A line end as written, kept so the text reads back exactly. */
type LineEnd = '\n' | '\r\n' | '\r' | '';

/** Lines before `start` and the last `tail` lines did not change since the last analysis. */
export interface ChangedRegion {
  start: number;
  tail: number;
}

/**
 * Splits text into lines and the end written after each (the last line's end is ''). Scans with
 * indexOf, remembering the next LF and CR, rather than splitting on a pattern: two to three
 * times faster on a document of 300k lines, which every opening waits for.
 */
function splitWithEnds(text: string): { lines: string[]; ends: LineEnd[] } {
  const lines: string[] = [];
  const ends: LineEnd[] = [];
  let start = 0;
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  for (;;) {
    if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
    if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
    if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
      const crlf = nextLf === nextCr + 1;
      lines.push(text.slice(start, nextCr));
      ends.push(crlf ? '\r\n' : '\r');
      start = nextCr + (crlf ? 2 : 1);
    } else if (nextLf !== -1) {
      lines.push(text.slice(start, nextLf));
      ends.push('\n');
      start = nextLf + 1;
    } else {
      lines.push(text.slice(start));
      ends.push('');
      return { lines, ends };
    }
  }
}

/** More items than this are not spread into one call (the arguments would overflow the stack). */
const MAX_SPREAD = 10_000;

/** `list` with `count` items from `at` replaced by `items`, in place. */
function replaceItems<T>(list: T[], at: number, count: number, items: readonly T[]): void {
  if (items.length === count) {
    for (let i = 0; i < count; i++) list[at + i] = items[i]!;
  } else if (items.length <= MAX_SPREAD) {
    list.splice(at, count, ...items);
  } else {
    const tail = list.slice(at + count);
    list.length = at;
    for (const item of items) list.push(item);
    for (const item of tail) list.push(item);
  }
}

/**
 * An open document kept as its lines. The language server reads documents line by line, and an
 * edit replaces only the lines it touched: the whole text (tens of megabytes for a long capture)
 * is never rebuilt per keystroke, as a document kept as one string must be.
 */
export class LineDocument implements TextDocument {
  readonly uri: string;
  readonly languageId: string;
  #version: number;
  /** The lines, without their ends; the analysis reads them. */
  readonly lines: string[];
  readonly #ends: LineEnd[];
  #length: number;
  #offsets: number[] | null = null;
  #changed: ChangedRegion | null = null;

  constructor(uri: string, languageId: string, version: number, text: string) {
    this.uri = uri;
    this.languageId = languageId;
    this.#version = version;
    const { lines, ends } = splitWithEnds(text);
    this.lines = lines;
    this.#ends = ends;
    this.#length = text.length;
  }

  get version(): number {
    return this.#version;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Length of the text in UTF-16 code units. */
  get length(): number {
    return this.#length;
  }

  /**
   * What changed since `markAnalysed` was last called, or null when that cannot be said line by
   * line (the whole text was replaced, or the document was never analysed).
   */
  get changed(): ChangedRegion | null {
    return this.#changed;
  }

  /** The current lines are analysed: later edits are measured from here. */
  markAnalysed(): void {
    this.#changed = { start: this.lines.length, tail: this.lines.length };
  }

  getText(range?: Range): string {
    if (range) return this.#text().slice(this.offsetAt(range.start), this.offsetAt(range.end));
    return this.#text();
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, this.lines.length - 1);
    return {
      start: { line: at, character: 0 },
      end: { line: at, character: this.lines[at]!.length },
    };
  }

  getEOLCharacters(line: number): string {
    return line < 0 || line >= this.lines.length ? '' : this.#ends[line]!;
  }

  offsetAt(position: Position): number {
    const offsets = this.#lineOffsets();
    if (position.line >= this.lines.length) return this.#length;
    if (position.line < 0) return 0;
    const line = position.line;
    const character = Math.max(0, Math.min(position.character, this.lines[line]!.length));
    return offsets[line]! + character;
  }

  positionAt(offset: number): Position {
    const offsets = this.#lineOffsets();
    const at = Math.max(0, Math.min(offset, this.#length));
    let low = 0;
    let high = offsets.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (offsets[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(at - offsets[low]!, this.lines[low]!.length) };
  }

  /** Applies the changes of one version, in order. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.#version = version;
    this.#offsets = null;
    for (const change of changes) {
      if ('range' in change) this.#replace(change.range, change.text);
      else this.#replaceAll(change.text);
    }
  }

  #replaceAll(text: string): void {
    const { lines, ends } = splitWithEnds(text);
    replaceItems(this.lines, 0, this.lines.length, lines);
    replaceItems(this.#ends, 0, this.#ends.length, ends);
    this.#length = text.length;
    this.#changed = null;
  }

  #replace(range: Range, text: string): void {
    const last = this.lines.length - 1;
    const clamp = (p: Position): Position => {
      if (p.line < 0) return { line: 0, character: 0 };
      if (p.line > last) return { line: last, character: this.lines[last]!.length };
      return {
        line: p.line,
        character: Math.min(Math.max(p.character, 0), this.lines[p.line]!.length),
      };
    };
    let start = clamp(range.start);
    let end = clamp(range.end);
    if (end.line < start.line || (end.line === start.line && end.character < start.character))
      [start, end] = [end, start];
    let first = start.line;
    let before = this.lines[first]!.slice(0, start.character);
    const after = this.lines[end.line]!.slice(end.character);
    // A line end that starts the new text may join a `\r` left before it into one `\r\n`.
    if (before === '' && first > 0 && this.#ends[first - 1] === '\r') {
      first--;
      before = `${this.lines[first]}\r`;
    }
    let oldLength = 0;
    for (let i = first; i <= end.line; i++)
      oldLength += this.lines[i]!.length + this.#ends[i]!.length;
    const combined = `${before}${text}${after}${this.#ends[end.line]}`;
    const { lines, ends } = splitWithEnds(combined);
    // The end of the last line replaced is in `combined`: what follows it is the next line.
    if (this.#ends[end.line] !== '') {
      lines.pop();
      ends.pop();
    }
    const tailAfter = this.lines.length - end.line - 1;
    replaceItems(this.lines, first, end.line - first + 1, lines);
    replaceItems(this.#ends, first, end.line - first + 1, ends);
    this.#length += combined.length - oldLength;
    if (this.#changed)
      this.#changed = {
        start: Math.min(this.#changed.start, first),
        tail: Math.min(this.#changed.tail, tailAfter),
      };
  }

  #text(): string {
    let text = '';
    for (let i = 0; i < this.lines.length; i++) text += this.lines[i]! + this.#ends[i]!;
    return text;
  }

  #lineOffsets(): number[] {
    if (this.#offsets) return this.#offsets;
    const offsets = new Array<number>(this.lines.length);
    let offset = 0;
    for (let i = 0; i < this.lines.length; i++) {
      offsets[i] = offset;
      offset += this.lines[i]!.length + this.#ends[i]!.length;
    }
    return (this.#offsets = offsets);
  }
}
