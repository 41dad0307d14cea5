// The thread that reads a later part of a text file for the CLI (`readPartOnThread`).
import { parentPort, workerData } from 'node:worker_threads';
import { partBuffers } from '../analysis';
import type { PartJob, PartMessage } from './parts';
import { readPart } from './parts';

const port = parentPort!;
const post = (message: PartMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

readPart(workerData as PartJob, (bytes) => post({ type: 'bytes', bytes })).then(
  (result) => post({ type: 'done', result }, partBuffers(result.part)),
  (error: unknown) =>
    post({
      type: 'failed',
      code: (error as NodeJS.ErrnoException | null)?.code ?? null,
      message: error instanceof Error ? error.message : String(error),
    }),
);
