import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Input that cannot be read twice (standard input, a pipe), copied as it is read into a file of
 * its own in a new private temporary folder, so that it can be read again; removed with the
 * folder when done, and when the process exits.
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
    this.#out = fs.createWriteStream(file, { mode: 0o600 });
    this.#out.on('error', (error) => (this.#failure ??= error));
    process.once('exit', this.#removeOnExit);
  }

  /** A spool in a new folder under the system's temporary folder; null when none can be made. */
  static async create(): Promise<Spool | null> {
    try {
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'tcpdump-lens-'));
      return new Spool(dir, path.join(dir, 'input'));
    } catch {
      return null;
    }
  }

  /** `chunks` as they come, each written to the file first; the file is complete at the end. */
  async *through(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      this.#check();
      if (!this.#out.write(chunk)) await this.#settled('drain');
      yield chunk;
    }
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
