/** A throttled progress line on stderr: silent for the first second, then at most one line per second. */
export interface ProgressLine {
  /** Reports `done` of `total` (total 0 = unknown); `what` names the unit, e.g. "rows", "splits". */
  update(done: number, total: number, what: string, label?: string): void;
}

/** Creates a {@link ProgressLine} writing through `err` (stderr), e.g. `a.csv: 412,000 rows, 48% (395,000 rows/s)`. */
export function progressLine(err: (text: string) => void, label: string, now: () => number = () => performance.now()): ProgressLine {
  const start = now();
  let last = start;
  return {
    update(done, total, what, sublabel) {
      const t = now();
      if (t - start < 1000 || t - last < 1000) return;
      last = t;
      const rate = done / ((t - start) / 1000);
      const pct = total > 0 ? `, ${Math.floor((100 * done) / total)}%` : '';
      const of = total > 0 && what !== 'bytes' ? `/${total.toLocaleString('en-US')}` : '';
      err(`${sublabel ?? label}: ${Math.round(done).toLocaleString('en-US')}${of} ${what}${pct} (${Math.round(rate).toLocaleString('en-US')} ${what}/s)\n`);
    },
  };
}
