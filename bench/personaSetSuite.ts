import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import type { BenchResult, BenchSuite } from './benchTypes';

// Issue 10 "done when": a 1,000,000-row Parquet persona set imported with a column mapping, streamed, under 500 MB.
// The set is generated here (hyparquet-writer, the default row groups of 100,000 rows, snappy; not committed), with
// columns shaped like the published one-million-persona sets: an id, a ~300-character persona text, demographics and
// a JSON column that is not mapped. The CLI (`bin/persona-studio.js`, built first) runs in a fresh process so time
// and peak memory are its own.

const root = path.resolve(__dirname, '../..'); // out/bench/index.js → the repository
const WORDS = ['teacher', 'nurse', 'farmer', 'engineer', 'retired', 'veteran', 'student', 'parent', 'volunteer', 'musician', 'Ohio', 'Texas', 'California', 'Vermont', 'church', 'union', 'garden', 'library', 'football', 'fishing'];

/** Writes `n` personas in chunks of 100,000 rows so the generator never holds the whole set either. */
function writePersonaSet(file: string, n: number): void {
  let s = 2463534242;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const chunk = 100_000;
  let writer: ParquetWriter | undefined;
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    const uuid: string[] = [];
    const persona: string[] = [];
    const age: number[] = [];
    const sex: string[] = [];
    const state: string[] = [];
    const meta: string[] = [];
    for (let i = 0; i < m; i++) {
      const k = start + i;
      uuid.push(`persona-${k.toString(36).padStart(6, '0')}`);
      const words: string[] = [];
      while (words.join(' ').length < 300) words.push(WORDS[next() % WORDS.length]!);
      persona.push(`Persona ${k}: ${words.join(' ')}.`);
      age.push(18 + (next() % 70));
      sex.push(next() % 2 ? 'Female' : 'Male');
      state.push(WORDS[10 + (next() % 4)]!);
      meta.push(JSON.stringify({ k, income: next() % 200000 }));
    }
    const columnData = [
      { name: 'uuid', data: uuid, type: 'STRING' as const },
      { name: 'persona', data: persona, type: 'STRING' as const },
      { name: 'age', data: age, type: 'INT32' as const },
      { name: 'sex', data: sex, type: 'STRING' as const },
      { name: 'state', data: state, type: 'STRING' as const },
      { name: 'meta_persona', data: meta, type: 'STRING' as const },
    ];
    writer ??= new ParquetWriter({ writer: fileWriter(file), schema: schemaFromColumnData({ columnData }) });
    writer.write({ columnData, rowGroupSize: chunk });
  }
  writer!.finish();
}

export const personaSetSuite: BenchSuite = {
  name: 'personaSets',
  async run({ quick, log }) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'ps-bench-personas-'));
    try {
      const n = quick ? 100_000 : 1_000_000;
      const file = path.join(dir, 'personas.parquet');
      writePersonaSet(file, n);
      const mb = statSync(file).size / 1e6;
      log(`  generated ${n.toLocaleString('en-US')} personas (${mb.toFixed(0)} MB Parquet) in ${dir}`);
      const usage = path.join(dir, 'usage.json');
      const out = path.join(dir, 'out.backstories.jsonl');
      const t0 = process.hrtime.bigint();
      const args = ['import-personas', file, '--text', 'persona', '--id', 'uuid', '--demographic', 'age=age', '--demographic', 'sex=sex', '--demographic', 'state=state', '--out', out];
      const r = spawnSync(process.execPath, ['--require', path.join(root, 'bench/largeData/usageAtExit.cjs'), path.join(root, 'bin/persona-studio.js'), ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, PS_BENCH_USAGE_FILE: usage },
      });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0) throw new Error(`import-personas exited ${r.status}: ${r.stderr}`);
      const u = JSON.parse(readFileSync(usage, 'utf8')) as { maxRssBytes: number; cpuSeconds: number };
      const peak = u.maxRssBytes / 1e6;
      log(`  import-personas: goal streamed, ≤ 500 MB peak (issue 10)`);
      // the same set through a persona spec (method import, the same mapping): `generate` streams it to the personas
      // file simulate will read; no endpoint is contacted (the address is never used)
      const spec = path.join(dir, 'set.persona.yaml');
      writeFileSync(spec, 'name: set\nmethod: import\nimport:\n  file: personas.parquet\n  text: persona\n  id: uuid\n  demographics: { age: age, sex: sex, state: state }\n');
      const usage2 = path.join(dir, 'usage-generate.json');
      const t1 = process.hrtime.bigint();
      const g = spawnSync(process.execPath, ['--require', path.join(root, 'bench/largeData/usageAtExit.cjs'), path.join(root, 'bin/persona-studio.js'), 'generate', spec, '--endpoint', 'http://127.0.0.1:9/v1'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, PS_BENCH_USAGE_FILE: usage2 },
      });
      const seconds2 = Number(process.hrtime.bigint() - t1) / 1e9;
      if (g.status !== 0) throw new Error(`generate exited ${g.status}: ${g.stderr}`);
      const u2 = JSON.parse(readFileSync(usage2, 'utf8')) as { maxRssBytes: number; cpuSeconds: number };
      const peak2 = u2.maxRssBytes / 1e6;
      log(`  generate (persona spec, method import): goal streamed, ≤ 500 MB peak (issue 10)`);
      const generated: BenchResult = {
        median_s: seconds2,
        runs: 1,
        cpu_s: u2.cpuSeconds,
        peak_mb: Number(peak2.toFixed(1)),
        goal_mb: 500,
        rows: n,
        output_mb: Number((statSync(path.join(dir, 'set.personas.jsonl')).size / 1e6).toFixed(1)),
        ...(quick ? {} : { meets_goal: peak2 <= 500 }),
      };
      const result: BenchResult = {
        median_s: seconds,
        runs: 1,
        cpu_s: u.cpuSeconds,
        peak_mb: Number(peak.toFixed(1)),
        goal_mb: 500,
        rows: n,
        parquet_mb: Number(mb.toFixed(1)),
        output_mb: Number((statSync(out).size / 1e6).toFixed(1)),
        ...(quick ? {} : { meets_goal: peak <= 500 }),
      };
      return { [`cli_import_personas_parquet_${n / 1000}k`]: result, [`cli_generate_import_spec_parquet_${n / 1000}k`]: generated };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
