import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchResult, BenchSuite } from './benchTypes';

// Issue 7 §7: the real CLI (`bin/persona-studio.js`, built first) on large CSV files, each run a fresh process so
// wall time, CPU time and peak memory are the command's own, as a user measures them. Goals from the issue:
// compare of two 1,000,000-row × 5-item files ≤ 2 s and ≤ 300 MB; bounds of 1,000,000 rows × 100 SHA-256 splits ≤ 30 s.
// The files are generated here, deterministically (not committed).

const root = path.resolve(__dirname, '../..');
const ITEMS = ['q1', 'q2', 'q3', 'q4', 'q5'];

/** n rows of an id and five 1–5 answers sharing one factor (xorshift32, `seed`), about 17 bytes a row. */
function writeAnswers(file: string, n: number, seed: number): void {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const parts = [`id,${ITEMS.join(',')}\n`];
  for (let i = 0; i < n; i++) {
    const f = next();
    let row = String(i);
    for (let j = 0; j < ITEMS.length; j++) row += `,${1 + Math.min(4, Math.floor((f * 0.6 + next() * 0.4) * 5))}`;
    parts.push(`${row}\n`);
  }
  writeFileSync(file, parts.join(''));
}

interface Run {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly maxRssMb: number;
}

function runCli(args: readonly string[], usageFile: string): Run {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'bench/largeData/usageAtExit.cjs'), path.join(root, 'bin/persona-studio.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PS_BENCH_USAGE_FILE: usageFile },
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`persona-studio ${args[0]} exited ${r.status}: ${r.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssBytes: number; cpuSeconds: number };
  return { seconds, cpuSeconds: usage.cpuSeconds, maxRssMb: usage.maxRssBytes / 1e6 };
}

function summarise(runs: readonly Run[], goals: { seconds: number; mb?: number }, extra: Record<string, number>, full: boolean): BenchResult {
  const sorted = [...runs].sort((x, y) => x.seconds - y.seconds);
  const mid = sorted[Math.floor(sorted.length / 2)]!;
  const peak = Math.max(...runs.map((r) => r.maxRssMb));
  const meets = mid.seconds <= goals.seconds && (goals.mb === undefined || peak <= goals.mb);
  return {
    median_s: mid.seconds,
    runs: runs.length,
    cpu_s: mid.cpuSeconds,
    peak_mb: Number(peak.toFixed(1)),
    goal_s: goals.seconds,
    ...(goals.mb !== undefined ? { goal_mb: goals.mb } : {}),
    // the goals are for the full size; a --quick run does not judge them
    ...(full ? { meets_goal: meets } : {}),
    ...extra,
  };
}

export const largeDataSuite: BenchSuite = {
  name: 'largeData',
  async run({ quick, log }) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'ps-bench-large-'));
    const results: Record<string, BenchResult> = {};
    try {
      const n = quick ? 100_000 : 1_000_000;
      const splits = quick ? 10 : 100;
      const a = path.join(dir, 'a.csv');
      const b = path.join(dir, 'b.csv');
      writeAnswers(a, n, 1);
      writeAnswers(b, n, 2);
      log(`  generated 2 × ${n.toLocaleString('en-US')} rows × ${ITEMS.length} items in ${dir}`);
      const usage = path.join(dir, 'usage.json');
      const compareRuns: Run[] = [];
      for (let i = 0; i < (quick ? 1 : 3); i++) compareRuns.push(runCli(['compare', a, b, '--items', ITEMS.join(','), '--json'], usage));
      results[`cli_compare_${n / 1000}k_5`] = summarise(compareRuns, { seconds: 2, mb: 300 }, { rows: n }, !quick);
      log(`  compare: goal ≤ 2 s and ≤ 300 MB (issue 7 §7; numpy/scipy 5.6 s, 288 MB on this machine)`);
      const boundsRun = runCli(['bounds', a, '--items', ITEMS.join(','), '--splits', String(splits), '--json'], usage);
      results[`cli_bounds_${n / 1000}k_5_${splits}splits`] = summarise([boundsRun], { seconds: 30 }, { rows: n, splits }, !quick);
      log(`  bounds: goal ≤ 30 s for 1,000,000 rows × 100 SHA-256 splits (issue 7 §7)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return results;
  },
};
