// Runs the browser journeys (test/ui/*.journey.mjs) through the real VS Code workbench (code-server 1.139.1 +
// headless Debian chromium via playwright-core) with the extension loaded from the repository. The journeys
// are mocha tests (spec reporter: `N passing` / `N failing`); screenshots, including one per failed test, go
// to test-results/ui/.
//
//   node scripts/host/run-ui-tests.mjs [--grep <re>] [--build] [journey files...]
// Exit code: 0 all passed, 1 failures, 2 runner error. KEEP_TMP=1 keeps the temp dirs.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, ensureCodeServer, repoRoot } from './lib.mjs';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { grep: { type: 'string' }, build: { type: 'boolean', default: false } },
});

// mocha's symbols are coloured by picocolors when the module loads; keep CI logs plain.
if (!process.stdout.isTTY && !process.env.FORCE_COLOR) process.env.NO_COLOR = '1';
const { default: Mocha } = await import('mocha');

try {
  if (!ensureBuilt({ force: args.build })) throw new Error('build failed');
  if (!ensureCodeServer()) throw new Error('code-server is not installed and installing it failed');
  const uiDir = path.join(repoRoot, 'test/ui');
  const files = positionals.length > 0
    ? positionals.map((f) => path.resolve(f))
    : readdirSync(uiDir).filter((f) => f.endsWith('.journey.mjs')).sort().map((f) => path.join(uiDir, f));
  if (files.length === 0) throw new Error('no test/ui/*.journey.mjs');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 120_000, color: Boolean(process.stdout.isTTY),
    ...(args.grep ? { grep: args.grep } : {}) });
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const started = Date.now();
  const failures = await new Promise((resolve) => mocha.run(resolve));
  console.error(`run-ui-tests: ${failures} failure(s); screenshots in test-results/ui/; total ${((Date.now() - started) / 1000).toFixed(1)}s`);
  process.exitCode = failures > 0 ? 1 : 0;
} catch (err) {
  console.error(`run-ui-tests: ${err?.stack ?? err}`);
  process.exitCode = 2;
}
