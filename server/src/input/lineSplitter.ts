// Splits bytes read from a file into lines, the way the analysis core's splitLines splits text:
// LF, CRLF and lone CR end a line, and a final line end adds no line.

const LF = 10;
const CR = 13;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Receives one line (without its line end), its 0-based number and the byte offset it starts at. */
export type LineSink = (text: string, line: number, byte: number) => void;

/**
 * Cuts chunks of a UTF-8 file into lines without ever holding more than the line being read.
 * UTF-8 never uses the bytes of CR and LF inside a multi-byte character, so cutting the bytes
 * before decoding them is safe.
 */
export class LineSplitter {
  /** Bytes of a line that started in an earlier chunk. */
  #pending: Buffer[] = [];
  /** The last chunk ended with a CR: an LF at the start of the next one belongs to it. */
  #afterCr = false;
  #line: number;
  /** Offset in the file of the next byte pushed. */
  #byte: number;
  #lineStart: number;
  #atFileStart: boolean;

  /** `line` and `byte`: where the first chunk starts (a line start), for reading from the middle. */
  constructor(
    private readonly sink: LineSink,
    start: { line: number; byte: number } = { line: 0, byte: 0 },
  ) {
    this.#line = start.line;
    this.#byte = start.byte;
    this.#lineStart = start.byte;
    this.#atFileStart = start.byte === 0;
  }

  /** Lines emitted so far. */
  get lineCount(): number {
    return this.#line;
  }

  push(chunk: Buffer): void {
    let from = 0;
    if (this.#atFileStart && chunk.length > 0) {
      this.#atFileStart = false;
      // The editor does not show a byte order mark as part of the first line; neither do we.
      if (chunk.length >= 3 && chunk.subarray(0, 3).equals(BOM)) {
        from = 3;
        this.#lineStart = this.#byte + 3;
      }
    }
    if (this.#afterCr) {
      this.#afterCr = false;
      if (chunk.length > 0 && chunk[0] === LF) {
        from = 1;
        this.#lineStart = this.#byte + 1;
      }
    }
    let nextCr = chunk.indexOf(CR, from);
    let nextLf = chunk.indexOf(LF, from);
    while (nextCr !== -1 || nextLf !== -1) {
      const end = nextLf === -1 || (nextCr !== -1 && nextCr < nextLf) ? nextCr : nextLf;
      this.#emit(chunk, from, end);
      from = end + 1;
      if (chunk[end] === CR) {
        if (end + 1 === chunk.length) this.#afterCr = true;
        else if (chunk[end + 1] === LF) from++;
      }
      this.#lineStart = this.#byte + from;
      if (nextCr !== -1 && nextCr < from) nextCr = chunk.indexOf(CR, from);
      if (nextLf !== -1 && nextLf < from) nextLf = chunk.indexOf(LF, from);
    }
    if (from < chunk.length) this.#pending.push(chunk.subarray(from));
    this.#byte += chunk.length;
  }

  /** Ends the input: a last line without a line end is a line. */
  end(): void {
    if (this.#pending.length > 0) this.#emit(Buffer.alloc(0), 0, 0);
  }

  #emit(chunk: Buffer, from: number, end: number): void {
    let text: string;
    if (this.#pending.length === 0) {
      text = chunk.toString('utf8', from, end);
    } else {
      this.#pending.push(chunk.subarray(from, end));
      text = Buffer.concat(this.#pending).toString('utf8');
      this.#pending = [];
    }
    this.sink(text, this.#line++, this.#lineStart);
  }
}
