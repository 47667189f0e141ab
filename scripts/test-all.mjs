// Runs every test stage the README names, in order, and ends with one summary line
// `tests: N passed, M failed`. Exits non-zero when any stage fails.
//   static   typecheck (tsc --noEmit, both targets) and lint (eslint, no warnings)
//   build    esbuild bundles
//   unit     mocha suites without VS Code (test/unit)
//   host     the in-host mocha suite inside a real VS Code (code-server), see scripts/host/
//   ui       browser journeys through the workbench (playwright-core + Debian chromium)
// `node scripts/test-all.mjs unit` runs only the named stages.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const npx = (...args) => ['npx', ['--no-install', ...args]];
const stages = [
  { name: 'typecheck', cmd: npx('tsc', '--noEmit', '-p', 'tsconfig.json') },
  { name: 'typecheck-webview', cmd: npx('tsc', '--noEmit', '-p', 'src/webview/tsconfig.json'), when: () => hasTypeScript('src/webview') },
  { name: 'lint', cmd: npx('eslint', '--max-warnings', '0', '.') },
  { name: 'build', cmd: ['node', ['scripts/build.mjs']] },
  { name: 'unit', cmd: npx('mocha'), counts: true },
  { name: 'host', cmd: ['node', ['scripts/host/run-host-tests.mjs']], counts: true, when: () => existsSync('scripts/host/run-host-tests.mjs') },
  { name: 'ui', cmd: ['node', ['scripts/host/run-ui-tests.mjs']], counts: true, when: () => existsSync('scripts/host/run-ui-tests.mjs') },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failedStages = [];

for (const stage of stages) {
  if (only.length > 0 && !only.includes(stage.name)) continue;
  if (stage.when && !stage.when()) continue;
  process.stdout.write(`\n=== ${stage.name} ===\n`);
  const started = Date.now();
  const { code, output } = await run(stage.cmd[0], stage.cmd[1]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (stage.counts) {
    const p = lastCount(output, /(\d+) passing/g);
    const f = lastCount(output, /(\d+) failing/g);
    passed += p;
    failed += f;
    if (code !== 0 && f === 0) failed += 1; // the stage died before mocha could report
  } else if (code !== 0) {
    failed += 1;
  }
  if (code !== 0) failedStages.push(stage.name);
  process.stdout.write(`=== ${stage.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds}s ===\n`);
}

if (failedStages.length > 0) process.stdout.write(`\nfailed stages: ${failedStages.join(', ')}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exitCode = failedStages.length > 0 ? 1 : 0;

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const forward = (stream) => (chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function lastCount(text, re) {
  // mocha prints its summary once per run; the host and UI runners print theirs the same way.
  let n = 0;
  for (const m of text.matchAll(re)) n = Number(m[1]);
  return n;
}

/** Whether `dir` holds any .ts file (the webview target has its own tsconfig and is checked once it has code). */
function hasTypeScript(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.ts'));
}
