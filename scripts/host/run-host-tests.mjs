// Runs the in-host mocha suite (test/host/*.test.ts, bundled to out/test/host/index.js) inside a real
// VS Code extension host: code-server 1.139.1 + headless chromium, the extension loaded from the repository
// as a development extension, the workspace a temp copy of examples/ (tests may edit it).
//
//   node scripts/host/run-host-tests.mjs [--timeout <s>] [--folder <dir>] [--tests <index.js>] [--build]
//
// The extension host's mocha output (lines tagged `[test] ` by test/host/index.ts) is printed as is, so
// the `N passing` / `N failing` lines reach scripts/test-all.mjs. The full workbench log is written to
// test-results/host-workbench.log.
// Exit code: the extension host's (0 all passed, 1 failures), 124 on timeout, 2 on a runner error.
// Env: KEEP_TMP=1 keeps the temp dir; HOST_VERBOSE=1 also prints the workbench log; env vars reach the host.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import {
  copyExamples, ensureBuilt, ensureCodeServer, keepTmp, launchBrowser, makeTmp, onExit, repoRoot,
  startCodeServer, workbenchUrl,
} from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    timeout: { type: 'string', default: process.env.HOST_TEST_TIMEOUT ?? '300' },
    folder: { type: 'string' },
    tests: { type: 'string', default: path.join(repoRoot, 'out/test/host/index.js') },
    ext: { type: 'string', default: repoRoot },
    build: { type: 'boolean', default: false },
  },
});

const verbose = process.env.HOST_VERBOSE === '1';
const started = Date.now();
const resultsDir = path.join(repoRoot, 'test-results');
const workbenchLog = [];
let cs;
let browser;
let tmp;
let finished = false;

async function finish(code, reason) {
  if (finished) return;
  finished = true;
  try {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'host-workbench.log'), `${workbenchLog.join('\n')}\n`);
  } catch { /* the log is a convenience */ }
  if (code !== 0 && !verbose) {
    const errors = workbenchLog.filter((l) => /error|exception|fail/i.test(l) && !/open-vsx|vsda|ENOTFOUND|marketplace|Failed to load resource/i.test(l)).slice(-25);
    if (errors.length > 0) console.error(`--- workbench errors (full log: test-results/host-workbench.log) ---\n${errors.join('\n')}`);
  }
  if (browser) await browser.close();
  if (cs) await cs.stop();
  if (tmp && !keepTmp) rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.error(`KEEP_TMP=1: kept ${tmp}`);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.error(`run-host-tests: ${reason}; exit code ${code}; total ${secs}s`);
  process.exit(code);
}

try {
  const timeoutS = Number(args.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new Error(`bad --timeout ${args.timeout}`);
  if (!ensureBuilt({ force: args.build, needTests: true })) throw new Error('build failed');
  const testsPath = path.resolve(args.tests);
  if (!existsSync(testsPath)) throw new Error(`no test entry at ${testsPath} (is test/host/index.ts present?)`);
  if (!ensureCodeServer()) throw new Error('code-server is not installed and installing it failed');

  tmp = makeTmp('host');
  onExit(() => { if (!keepTmp) rmSync(tmp, { recursive: true, force: true }); });
  const folder = args.folder ? path.resolve(args.folder) : copyExamples(tmp);

  cs = await startCodeServer({ tmp: path.join(tmp, 'cs'), smokeTestDriver: true, disableWorkspaceTrust: true,
    env: { PERSONA_STUDIO_TEST_WORKSPACE: folder } });
  browser = await launchBrowser(tmp);
  const { page } = browser;

  const timer = setTimeout(() => {
    console.error(`run-host-tests: the extension host did not finish within ${timeoutS}s`);
    void finish(124, 'timeout');
  }, timeoutS * 1000);
  timer.unref();

  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = String(message);
    const i = text.indexOf('[test] ');
    if (i >= 0) {
      const line = text.slice(i + 7);
      process.stdout.write(`${process.stdout.isTTY ? line : stripVTControlCharacters(line)}\n`);
    } else {
      workbenchLog.push(`[${level}] ${text}`);
      if (verbose) console.error(`[workbench ${level}] ${text}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    clearTimeout(timer);
    void finish(Number(code) || 0, 'extension host finished the tests');
  });
  page.on('pageerror', (err) => workbenchLog.push(`[pageerror] ${err.message}`));
  page.on('console', (msg) => {
    // The browser console repeats what codeAutomationLog already received; keep only the rest.
    if (!msg.text().includes('[test] ')) workbenchLog.push(`[console.${msg.type()}] ${msg.text()}`);
  });
  await page.goto(workbenchUrl(cs, { folder, extensionDevelopmentPath: path.resolve(args.ext), extensionTestsPath: testsPath }));
} catch (err) {
  console.error(`run-host-tests: ${err?.stack ?? err}`);
  void finish(2, 'runner error');
}

