/**
 * The worker thread of a big import (row-source.ts): reads the file, checks its
 * rows and sends them over in packed batches, at most AHEAD batches ahead of
 * the writer. The header row goes to the writer's thread first, which answers
 * with the field each column fills.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { pack } from './checked.ts';
import type { Entity } from './columns.ts';
import { AHEAD, checkedBatches, type Found, type FromWorker, type ToWorker, type WorkerInput } from './row-source.ts';

const parent = parentPort!;
const { file, opts, port } = workerData as WorkerInput<Entity>;
/** A message on the data port, and a ping that it is there (the writer takes it off when it wants it). */
const send = (m: FromWorker) => {
  port.postMessage(m);
  parent.postMessage(0);
};

// What the writer's thread says: the columns once, then that it took a batch.
let columns: ToWorker<Entity> | null = null;
let sent = 0;
let taken = 0;
let wake: (() => void) | null = null;
parent.on('message', (m: ToWorker<Entity>) => {
  if (m.type === 'taken') taken++;
  else columns = m;
  wake?.();
});
const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise<void>((resolve) => (wake = resolve));
  wake = null;
};

const found: Found = {};
try {
  const batches = checkedBatches(fs.createReadStream(file, { highWaterMark: 1 << 20 }), opts, async (headers, now) => {
    send({ type: 'header', headers, found: { ...now } });
    await until(() => columns !== null);
    return columns!.type === 'columns' ? columns!.columns : [];
  }, found);
  for await (const { batch, rows } of batches) {
    send({ type: 'batch', batch: pack(opts.entity, batch, rows) });
    sent++;
    // No further ahead of the writer than AHEAD batches.
    await until(() => sent - taken < AHEAD);
  }
  send({ type: 'end', found: { ...found } });
} catch (err) {
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  send({ type: 'error', message: err instanceof Error ? err.message : String(err), code });
}
