import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSav } from '../src/core/data/sav/openSav';
import type { BenchResult, BenchSuite } from './benchTypes';

// Issue 10: `.sav` human data is streamed. A large uncompressed system file is made here from the committed
// test/fixtures/sav/ces11.sav (GNU PSPP, 2,231 cases, weighted): its dictionary, then its case block repeated, with
// the header's case count (int32 at byte 80) set to the new total — a valid file, since uncompressed cases are
// fixed-size. The CLI (`bin/persona-studio.js`, built first) runs `compare` on it in a fresh process.

const root = path.resolve(__dirname, '../..'); // out/bench/index.js → the repository

function writeLargeSav(file: string, minCases: number): number {
  const src = readFileSync(path.join(root, 'test/fixtures/sav/ces11.sav'));
  const f = openSav(path.join(root, 'test/fixtures/sav/ces11.sav'));
  const n = f.dictionary.caseCount!;
  f.close();
  // the case block is the file's tail (uncompressed, n cases of equal size), right after the termination record
  let dataStart = -1;
  for (let slots = 1; slots < 4096; slots++) {
    const start = src.length - n * slots * 8;
    if (start > 176 && src.readInt32LE(start - 8) === 999 && src.readInt32LE(start - 4) === 0) {
      dataStart = start;
      break;
    }
  }
  if (dataStart < 0) throw new Error('ces11.sav: could not find the case data');
  const repeat = Math.ceil(minCases / n);
  const header = Buffer.from(src.subarray(0, dataStart));
  header.writeInt32LE(n * repeat, 80);
  const block = src.subarray(dataStart);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, header);
    for (let i = 0; i < repeat; i++) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  return n * repeat;
}

export const savSuite: BenchSuite = {
  name: 'sav',
  async run({ quick, log }) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'ps-bench-sav-'));
    try {
      const file = path.join(dir, 'big.sav');
      const cases = writeLargeSav(file, quick ? 100_000 : 1_000_000);
      const mb = statSync(file).size / 1e6;
      log(`  wrote ${cases.toLocaleString('en-US')} cases (${mb.toFixed(0)} MB, uncompressed .sav) in ${dir}`);
      const usage = path.join(dir, 'usage.json');
      const t0 = process.hrtime.bigint();
      const r = spawnSync(
        process.execPath,
        ['--require', path.join(root, 'bench/largeData/usageAtExit.cjs'), path.join(root, 'bin/persona-studio.js'), 'compare', file, path.join(root, 'test/fixtures/sav/ces11.sav'), '--items', 'abortion_ban,religion_importance', '--weight', 'weight', '--json'],
        { cwd: root, encoding: 'utf8', env: { ...process.env, PS_BENCH_USAGE_FILE: usage } },
      );
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0) throw new Error(`compare exited ${r.status}: ${r.stderr}`);
      const u = JSON.parse(readFileSync(usage, 'utf8')) as { maxRssBytes: number; cpuSeconds: number };
      const result: BenchResult = { median_s: seconds, runs: 1, cpu_s: u.cpuSeconds, peak_mb: Number((u.maxRssBytes / 1e6).toFixed(1)), cases, sav_mb: Number(mb.toFixed(1)) };
      log('  compare of a weighted .sav with the 2,231-case original (every case read, 3 numeric columns kept)');
      return { [`cli_compare_sav_${Math.round(cases / 1000)}k_weighted`]: result };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
