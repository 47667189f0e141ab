import type { BenchSuite } from './benchTypes';

/** Every benchmark suite `npm run bench` runs, in order. */
export const suites: readonly BenchSuite[] = [];
