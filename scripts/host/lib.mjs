// Shared plumbing for the real-VS-Code harness: an isolated code-server (VS Code 1.139.1 server + web
// workbench, on the pinned Node 24) and a headless Debian chromium driven by playwright-core.
// Recipe and rationale: docs in the header of each runner and /work/shared/reference/vscode-host.md.
//
// Isolation: every run gets its own temp dir holding code-server's --config, --user-data-dir (with test
// settings), --extensions-dir, TMPDIR and XDG_* dirs, and the chromium profile. Nothing lands in ~/.config,
// ~/.local/share or /tmp. KEEP_TMP=1 keeps the temp dir (its path is printed) for post-mortems.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromiumPath, codeServerEntry, codeServerMarker, node24Bin, repoRoot, CODE_SERVER_VERSION } from './paths.mjs';

export { repoRoot };
export const keepTmp = process.env.KEEP_TMP === '1';

/** Settings for a quiet, deterministic workbench (no welcome page, no updates, no telemetry, no AI). */
export const testSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'window.restoreWindows': 'none',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'files.autoSave': 'off',
  // Completion lists must show what the extension offers, not words scraped from the document.
  'editor.wordBasedSuggestions': 'off',
  'editor.minimap.enabled': false,
};

/** Fails with a clear message unless scripts/host/install-code-server.mjs has completed. */
export function codeServerInstalled() {
  return existsSync(codeServerMarker) && existsSync(codeServerEntry) && existsSync(node24Bin)
    && readFileSync(codeServerMarker, 'utf8').trim() === CODE_SERVER_VERSION;
}

/** Installs code-server (minutes, once) when it is missing. Returns false when the install failed. */
export function ensureCodeServer() {
  if (codeServerInstalled()) return true;
  console.error('code-server is not installed yet (npm run setup:host); installing it into .vscode-test/ (2-4 min, once)…');
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/host/install-code-server.mjs')], { stdio: 'inherit' });
  return r.status === 0 && codeServerInstalled();
}

/** Builds dist/ and out/test/host/ with scripts/build.mjs when an output is missing (or when forced). */
export function ensureBuilt({ force = false, needTests = false } = {}) {
  const missing = !existsSync(path.join(repoRoot, 'dist/extension.js'))
    || (needTests && !existsSync(path.join(repoRoot, 'out/test/host/index.js')));
  if (!force && !missing) return true;
  console.error('building (node scripts/build.mjs)…');
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  return r.status === 0;
}

export function makeTmp(prefix) {
  const base = process.env.PERSONA_STUDIO_TMP || os.tmpdir();
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `persona-studio-${prefix}-`));
}

/** A copy of examples/ (tests may edit it) at <tmp>/workspace; returns its absolute path. */
export function copyExamples(tmp, source = path.join(repoRoot, 'examples')) {
  const dest = path.join(tmp, 'workspace');
  cpSync(source, dest, { recursive: true });
  return dest;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const cleanups = new Set();
let exiting = false;
function runCleanupsSync() {
  for (const fn of [...cleanups].reverse()) {
    try { fn(); } catch { /* best effort on exit */ }
  }
  cleanups.clear();
}
process.on('exit', runCleanupsSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (exiting) return;
    exiting = true;
    runCleanupsSync();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

/** Registers a synchronous cleanup that runs on exit or signal; returns an unregister function. */
export function onExit(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function killGroup(pid, signal) {
  try { process.kill(-pid, signal); return true; } catch { return false; }
}

function tail(file, n = 40) {
  try { return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n'); } catch { return ''; }
}

/**
 * Starts an isolated code-server. Resolves once /healthz answers.
 * `persistent: true` keeps what the user sets: `tmp` is then a lasting state folder whose settings.json is
 * written only when it does not exist yet (the user's later changes are never overwritten).
 * @param {{ tmp?: string, persistent?: boolean, smokeTestDriver?: boolean, disableWorkspaceTrust?: boolean,
 *           host?: string, port?: number, env?: Record<string,string>, settings?: object, extraArgs?: string[] }} opts
 */
export async function startCodeServer(opts = {}) {
  if (!codeServerInstalled()) {
    throw new Error('code-server is not installed: run `npm run setup:host` (node scripts/host/install-code-server.mjs).');
  }
  const tmp = opts.tmp ?? makeTmp('cs');
  const ownsTmp = !opts.tmp;
  const d = (p) => { const full = path.join(tmp, p); mkdirSync(full, { recursive: true }); return full; };
  const userData = d('user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settingsFile = path.join(userData, 'User', 'settings.json');
  if (!opts.persistent || !existsSync(settingsFile)) {
    writeFileSync(settingsFile, `${JSON.stringify({ ...testSettings, ...opts.settings }, null, 2)}\n`);
  }
  const extensionsDir = d('extensions');
  const config = path.join(tmp, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await freePort());
  const args = [
    codeServerEntry,
    '--config', config,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
  ];
  if (opts.disableWorkspaceTrust) args.push('--disable-workspace-trust');
  // The built workbench honours the `payload` URL parameter (extensionDevelopmentPath/extensionTestsPath)
  // only with the smoke-test driver enabled.
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(...(opts.extraArgs ?? []));
  const logFile = path.join(tmp, 'code-server.log');
  const fd = openSync(logFile, 'a');
  const env = {
    ...process.env,
    TMPDIR: d('tmp'),
    XDG_CONFIG_HOME: d('xdg-config'),
    XDG_DATA_HOME: d('xdg-data'),
    XDG_CACHE_HOME: d('xdg-cache'),
    XDG_RUNTIME_DIR: d('xdg-runtime'),
    ...opts.env,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const proc = spawn(node24Bin, args, { env, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  let exited = null;
  proc.on('exit', (code, signal) => { exited = { code, signal }; });

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    if (exited === null) killGroup(proc.pid, 'SIGKILL');
    if (ownsTmp && !keepTmp) rmSync(tmp, { recursive: true, force: true });
  };
  const unregister = onExit(stopSync);

  /** Stops the process group (SIGTERM, then SIGKILL after 5 s) and removes the temp dir unless KEEP_TMP=1. */
  const stop = async () => {
    if (stopped) return;
    unregister();
    if (exited === null && killGroup(proc.pid, 'SIGTERM')) {
      const deadline = Date.now() + 5000;
      while (exited === null && Date.now() < deadline) await sleep(100);
    }
    killGroup(proc.pid, 'SIGKILL');
    stopped = true;
    if (ownsTmp && !keepTmp) rmSync(tmp, { recursive: true, force: true });
    else if (ownsTmp) console.error(`KEEP_TMP=1: kept ${tmp}`);
  };

  const base = `http://${host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      const t = tail(logFile);
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${t}`);
    }
    await sleep(150);
  }
  return { base, host, port, tmp, logFile, proc, stop, remote: (p) => `vscode-remote://${host}:${port}${p}` };
}

/** Workbench URL opening `folder`, optionally with a dev-extension/test payload (needs smokeTestDriver). */
export function workbenchUrl(cs, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', cs.remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', cs.remote(extensionTestsPath)]);
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  return `${cs.base}/?${params.toString().replace(/\+/g, '%20')}`;
}

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Headless chromium (Debian's) with a fresh profile under `tmp`. Returns { context, page, close }. */
export async function launchBrowser(tmp, { viewport = { width: 1400, height: 900 } } = {}) {
  if (!existsSync(chromiumPath)) {
    throw new Error(`chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const { chromium } = await import('playwright-core');
  const profile = path.join(tmp, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    args: chromiumArgs,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
  };
  return { context, page, close };
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
