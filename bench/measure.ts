import type { BenchResult } from './benchTypes';

/**
 * Times `fn` `runs` times after `warmup` untimed calls and reports the median in seconds.
 * `setup` runs before each call and is not timed.
 */
export async function measure<T>(
  fn: (input: T) => unknown,
  options: { runs?: number; warmup?: number; setup?: () => T } = {},
): Promise<BenchResult> {
  const runs = options.runs ?? 5;
  const warmup = options.warmup ?? 1;
  const setup = options.setup ?? (() => undefined as T);
  for (let i = 0; i < warmup; i++) await fn(setup());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = setup();
    const t0 = process.hrtime.bigint();
    await fn(input);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { median_s: median, runs, min_s: times[0]!, max_s: times[times.length - 1]! };
}
