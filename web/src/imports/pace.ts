/**
 * Rows per second and time left, from successive polls of a running import.
 * Each poll is timed by the job's own `updatedAt` (the server sets it as it
 * commits a batch), so the pace is the server's, not that of the polling.
 */
import { useEffect, useState } from 'react';
import type { ImportView } from './api.ts';

interface Sample {
  at: number;
  rows: number;
  bytes: number;
}

export interface Pace {
  rowsPerSecond: number | null;
  secondsLeft: number | null;
}

/** How far back the pace looks: long enough to smooth batch steps, short enough to follow a change of pace. */
const WINDOW_MS = 15_000;

function withSample(samples: Sample[], s: Sample): Sample[] {
  const last = samples[samples.length - 1];
  if (last && (s.at <= last.at || (s.rows === last.rows && s.bytes === last.bytes))) return samples;
  const kept = samples.filter((x) => s.at - x.at <= WINDOW_MS);
  // Keep one sample from before the window, so a slow batch still has a pair to measure.
  const before = samples.filter((x) => s.at - x.at > WINDOW_MS).pop();
  return [...(before ? [before] : []), ...kept, s].slice(-30);
}

export function paceOf(samples: readonly Sample[], fileSize: number): Pace {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at - first.at < 200) return { rowsPerSecond: null, secondsLeft: null };
  const seconds = (last.at - first.at) / 1000;
  const rowsPerSecond = (last.rows - first.rows) / seconds;
  const bytesPerSecond = (last.bytes - first.bytes) / seconds;
  return { rowsPerSecond, secondsLeft: bytesPerSecond > 0 ? Math.max(0, fileSize - last.bytes) / bytesPerSecond : null };
}

/** The pace of a running import; starts again with each run (a Continue after a stop). */
export function usePace(job: ImportView): Pace {
  const [run, setRun] = useState<{ id: string; samples: Sample[] }>({ id: job.id, samples: [] });
  const at = Date.parse(job.updatedAt);
  useEffect(() => {
    if (job.status !== 'running') return;
    const sample = { at, rows: job.rowsRead, bytes: job.bytesDone };
    setRun((r) => (r.id === job.id ? { id: r.id, samples: withSample(r.samples, sample) } : { id: job.id, samples: [sample] }));
  }, [job.id, job.status, at, job.rowsRead, job.bytesDone]);
  useEffect(() => {
    // A run that stopped and goes on again is measured afresh.
    if (job.status !== 'running') setRun({ id: job.id, samples: [] });
  }, [job.id, job.status]);
  return paceOf(run.id === job.id ? run.samples : [], job.fileSize);
}
