/** One measured benchmark: `median_s` over `runs` timed repetitions, plus any figures of its own. */
export interface BenchResult {
  readonly median_s: number;
  readonly runs: number;
  readonly [extra: string]: number | string | boolean;
}

/** A group of benchmarks that share their set-up. Returns results keyed by benchmark name. */
export interface BenchSuite {
  readonly name: string;
  run(options: BenchOptions): Promise<Record<string, BenchResult>>;
}

export interface BenchOptions {
  /** Fewer repetitions and smaller inputs where a suite supports it (for a smoke run). */
  readonly quick: boolean;
  /** Progress lines go here (stderr), never to stdout, which carries the JSON. */
  log(line: string): void;
}
