/** Rate and ETA of a stage's progress, for the notification and the status bar (plain arithmetic, no vscode). */
export class RunProgress {
  private stage = '';
  private startedAt = 0;
  private startDone = 0;
  private lastPercent = 0;
  done = 0;
  total = 0;
  unit = '';

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Takes an event; returns the line to show and the percent increment since the last one (for `progress.report`). */
  update(event: { readonly stage: string; readonly unit: string; readonly done: number; readonly total: number }): { message: string; increment: number } {
    if (event.stage !== this.stage) {
      this.stage = event.stage;
      this.startedAt = this.now();
      this.startDone = event.done;
      this.lastPercent = 0;
    }
    this.done = event.done;
    this.total = event.total;
    this.unit = event.unit;
    const seconds = (this.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? (event.done - this.startDone) / seconds : 0;
    const left = event.total - event.done;
    const eta = rate > 0 ? ` · ETA ${formatDuration(left / rate)}` : '';
    const percent = event.total > 0 ? (100 * event.done) / event.total : 0;
    const increment = Math.max(0, percent - this.lastPercent);
    this.lastPercent = Math.max(this.lastPercent, percent);
    return { message: `${event.stage}: ${event.done}/${event.total} ${event.unit}${rate > 0 ? ` · ${rate.toFixed(1)}/s` : ''}${eta}`, increment };
  }
}

/** `45 s`, `3 min 20 s`, `2 h 05 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
