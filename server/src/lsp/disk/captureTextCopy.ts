import { Spool } from '../../input/spool';
import { CHECKPOINT_LINES } from './checkpoints';

/**
 * The text a capture is rendered as while it is analysed from disk, copied to a private temporary
 * file with the byte offset of every CHECKPOINT_LINES-th line: a connection's diagram then reads
 * only the part of that text around the connection, as for a text file, instead of rendering the
 * capture again from its start. The copy is given up, and the capture read again instead, when
 * it cannot be written or a line would not read back as one (a carriage return in it).
 */
export class CaptureTextCopy {
  #spool: Spool | null;
  #pending: string[] = [];
  #bytes = 0;
  readonly checkpoints: number[] = [];

  private constructor(spool: Spool) {
    this.#spool = spool;
  }

  /** A copy in a new temporary folder; null when none can be made. */
  static async create(): Promise<CaptureTextCopy | null> {
    const spool = await Spool.create('capture.txt');
    return spool ? new CaptureTextCopy(spool) : null;
  }

  /** Adds the next line (the `line`-th, 0-based). */
  add(text: string, line: number): void {
    if (!this.#spool) return;
    if (text.includes('\r')) {
      this.remove();
      return;
    }
    if (line % CHECKPOINT_LINES === 0) this.checkpoints.push(this.#bytes);
    this.#bytes += Buffer.byteLength(text) + 1;
    this.#pending.push(text);
  }

  /** Writes the lines added since the last call. */
  async flush(): Promise<void> {
    const spool = this.#spool;
    if (!spool || this.#pending.length === 0) return;
    const text = `${this.#pending.join('\n')}\n`;
    this.#pending = [];
    try {
      await spool.write(Buffer.from(text));
    } catch {
      this.remove();
    }
  }

  /** Ends the copy: its file, size and checkpoints, or null when it was given up. */
  async finish(): Promise<{ file: string; size: number; checkpoints: number[] } | null> {
    await this.flush();
    const spool = this.#spool;
    if (!spool) return null;
    try {
      await spool.close();
    } catch {
      this.remove();
      return null;
    }
    return { file: spool.file, size: this.#bytes, checkpoints: this.checkpoints };
  }

  /** Gives the copy up, or lets it go once read no more: its file is removed. */
  remove(): void {
    this.#spool?.remove();
    this.#spool = null;
    this.#pending = [];
  }
}
