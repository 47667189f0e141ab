#!/usr/bin/env node
// A stand-in "VS Code executable" that takes the desktop (Electron) command line of @vscode/test-electron /
// @vscode/test-cli and runs the same tests in code-server through scripts/host/run-host-tests.mjs:
//   VSCODE_EXECUTABLE=scripts/host/code-shim.mjs npm run test:electron
// Understood: --extensionDevelopmentPath=, --extensionTestsPath=, the first positional (workspace folder);
// other Electron flags (--user-data-dir, --disable-extensions, ...) are ignored.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-host-tests.mjs');
const args = [];
let folder;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const [flag, value] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  const next = () => value ?? argv[++i];
  if (flag === '--extensionDevelopmentPath') args.push('--ext', next());
  else if (flag === '--extensionTestsPath') args.push('--tests', next());
  else if (!a.startsWith('-') && folder === undefined) folder = a;
}
if (folder) args.push('--folder', folder);
const child = spawn(process.execPath, [runner, ...args], { stdio: 'inherit' });
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 2)));
