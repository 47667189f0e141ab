import { suites } from './suites';
import type { BenchResult } from './benchTypes';

/**
 * `npm run bench [-- --json] [--quick] [--only name,name]`
 * Human-readable lines on stderr; with `--json`, one JSON object on stdout keyed by benchmark name.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const quick = args.includes('--quick');
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',') : [];
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const results: Record<string, BenchResult> = {};
  for (const suite of suites) {
    if (only.length > 0 && !only.includes(suite.name)) continue;
    log(`# ${suite.name}`);
    const got = await suite.run({ quick, log });
    for (const [key, value] of Object.entries(got)) {
      results[key] = value;
      const extras = Object.entries(value)
        .filter(([k]) => k !== 'median_s' && k !== 'runs')
        .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`)
        .join(' ');
      log(`${key.padEnd(36)} median ${value.median_s.toFixed(4)} s  (${value.runs} runs) ${extras}`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
