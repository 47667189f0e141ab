// Entry of the in-host mocha suite (bundled by scripts/build.mjs to out/test/host/index.js and loaded by the
// extension host as `extensionTestsPath`). Run it with `npm run test:host` (code-server + chromium) or, on a
// machine that can download VS Code, `npm run test:electron`.
//
// esbuild bundles this file, so the suites are imported statically from the list below. A suite file that
// exists in test/host/ but is missing from the list fails the run (see `unlistedSuites`).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';

const suites: Record<string, () => Promise<unknown>> = {
  'activation.test.ts': () => import('./activation.test'),
  'backstoryReview.test.ts': () => import('./backstoryReview.test'),
  'diagnostics.test.ts': () => import('./diagnostics.test'),
  'endpoints.test.ts': () => import('./endpoints.test'),
  'languageFeatures.test.ts': () => import('./languageFeatures.test'),
  'navigation.test.ts': () => import('./navigation.test'),
  'resultsPanel.test.ts': () => import('./resultsPanel.test'),
  'runs.test.ts': () => import('./runs.test'),
  'runsExplorer.test.ts': () => import('./runsExplorer.test'),
};

/** test/host/*.test.ts files that the list above does not load (the sources sit next to the repo's out/). */
function unlistedSuites(): string[] {
  const dir = path.resolve(__dirname, '../../../test/host');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
  } catch {
    return []; // bundle used outside the repository
  }
  return files.filter((f) => !(f in suites));
}

export async function run(): Promise<void> {
  // In the extension host console.log is a getter-only wrapper and its output is mixed with the workbench
  // log; tag mocha's lines so the runner can print exactly them.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    console.log(`[test] ${util.format(...args)}`);
  };
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.HOST_MOCHA_TIMEOUT ?? 30_000),
    ...(process.env.HOST_GREP ? { grep: process.env.HOST_GREP } : {}),
  });
  mocha.suite.emit('pre-require', globalThis, 'persona-studio-host', mocha);
  const missing = unlistedSuites();
  if (missing.length > 0) {
    mocha.suite.addTest(new Mocha.Test('every test/host suite is listed in test/host/index.ts', () => {
      throw new Error(`not listed in test/host/index.ts: ${missing.join(', ')}`);
    }));
  }
  for (const load of Object.values(suites)) await load();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} in-host test(s) failed`);
}
