import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Bytes written but not yet on disk before a write waits: waiting at the stream's default (16 KB)
 * would make every chunk read wait for a write to the disk.
 */
const BUFFERED_BYTES = 8 << 20;

/**
 * A file of its own in a new private temporary folder, written as something is read so that it
 * can be read again: input that cannot be read twice (standard input, a pipe), or the text a
 * capture was rendered as. Removed with the folder when done, and when the process exits.
 */
export class Spool {
  readonly #out: fs.WriteStream;
  readonly #dir: string;
  #failure: Error | null = null;
  readonly #removeOnExit = (): void => this.remove();

  private constructor(
    dir: string,
    readonly file: string,
  ) {
    this.#dir = dir;
    this.#out = fs.createWriteStream(file, { mode: 0o600, highWaterMark: BUFFERED_BYTES });
    this.#out.on('error', (error) => (this.#failure ??= error));
    process.once('exit', this.#removeOnExit);
  }

  /**
   * A spool file `name` in a new folder under the system's temporary folder; null when none can
   * be made.
   */
  static async create(name = 'input'): Promise<Spool | null> {
    try {
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'tcpdump-lens-'));
      return new Spool(dir, path.join(dir, name));
    } catch {
      return null;
    }
  }

  /** `chunks` as they come, each written to the file first; the file is complete at the end. */
  async *through(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      await this.write(chunk);
      yield chunk;
    }
    await this.close();
  }

  /** Writes the next bytes, waiting while the file falls behind; rejects once a write failed. */
  async write(chunk: Buffer): Promise<void> {
    this.#check();
    if (!this.#out.write(chunk)) await this.#settled('drain');
  }

  /** Ends the file: it is complete once this resolves. */
  async close(): Promise<void> {
    this.#out.end();
    await this.#settled('finish');
  }

  /** Waits for the copy's `event`; a write failing meanwhile is reported as the copy failing. */
  async #settled(event: 'drain' | 'finish'): Promise<void> {
    try {
      await once(this.#out, event);
    } catch {
      // The 'error' listener has kept the failure.
    }
    this.#check();
  }

  /** Removes the file and its folder (nothing is left when it was never written). */
  remove(): void {
    process.removeListener('exit', this.#removeOnExit);
    this.#out.destroy();
    fs.rmSync(this.#dir, { recursive: true, force: true });
  }

  #check(): void {
    if (this.#failure) {
      const code = (this.#failure as NodeJS.ErrnoException).code ?? this.#failure.message;
      throw Object.assign(new Error(`cannot keep a copy in ${this.#dir} (${code})`), {
        code: 'SPOOL_FAILED',
      });
    }
  }
}
