// Desktop launcher for the in-host suite: @vscode/test-electron's runTests with the paths in .vscode-test.mjs.
// Downloads VS Code into .vscode-test/ (needs update.code.visualstudio.com) unless VSCODE_EXECUTABLE is set.
// Same suite, same exit codes as scripts/host/run-host-tests.mjs (the code-server runner used here and in CI).
//   node scripts/host/run-electron-tests.mjs
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import config from '../../.vscode-test.mjs';
import { copyExamples, ensureBuilt, keepTmp, makeTmp, repoRoot } from './lib.mjs';
import { rmSync } from 'node:fs';

const abs = (p) => path.resolve(repoRoot, p);
let code = 2;
const tmp = makeTmp('electron');
try {
  if (!ensureBuilt({ needTests: true })) throw new Error('build failed');
  const folder = copyExamples(tmp, abs(config.workspaceFolder));
  code = await runTests({
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: config.version }),
    extensionDevelopmentPath: abs(config.extensionDevelopmentPath),
    extensionTestsPath: abs(config.extensionTestsPath),
    launchArgs: [folder, ...config.launchArgs, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
    extensionTestsEnv: { PERSONA_STUDIO_TEST_WORKSPACE: folder },
  });
} catch (err) {
  // runTests rejects with a TestRunFailedError carrying VS Code's exit code when the tests fail.
  console.error(`run-electron-tests: ${err?.message ?? err}`);
  code = typeof err?.code === 'number' && err.code !== 0 ? err.code : err?.signal ? 1 : 2;
} finally {
  if (!keepTmp) rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
