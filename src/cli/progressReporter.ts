import type { StageProgressEvent } from '../core/pipelines/shared/stageContext';

const clock = (seconds: number): string => {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : String(m)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * Progress lines on stderr, at most one per `everyMs` per stage plus the last: counts of the stage's units,
 * requests sent (and taken from the journal or cache), the request rate and an ETA from the unit rate.
 */
export function progressReporter(write: (line: string) => void, everyMs = 1000, now: () => number = Date.now): (event: StageProgressEvent) => void {
  let stage = '';
  let started = 0;
  let startDone = 0;
  let startSent = 0;
  let last = 0;
  return (e) => {
    const t = now();
    if (e.stage !== stage) {
      stage = e.stage;
      started = t;
      startDone = e.done;
      startSent = e.requests.sent + e.requests.cached;
      last = 0;
    }
    if (e.done < e.total && t - last < everyMs) return;
    last = t;
    const elapsed = Math.max(1e-3, (t - started) / 1000);
    const rate = (e.requests.sent + e.requests.cached - startSent) / elapsed;
    const unitRate = (e.done - startDone) / elapsed;
    const eta = e.done >= e.total ? 0 : unitRate > 0 ? (e.total - e.done) / unitRate : Infinity;
    const r = e.requests;
    write(
      `${e.stage}: ${e.done}/${e.total} ${e.unit}; requests ${r.sent} sent, ${r.fromJournal} from journal, ${r.cached} cached, ${r.failed} failed; ${rate.toFixed(0)} req/s; ETA ${clock(eta)}\n`,
    );
  };
}
