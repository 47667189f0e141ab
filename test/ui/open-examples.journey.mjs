// Journey (issue 7): the README's first command. `npm run open-examples`, run exactly as a new user runs it
// (through npm, so npm's environment is what the script sees), prints a URL; that URL serves the workbench
// with Persona Studio loaded; the workbench starts without error notifications; what the user sets survives
// a restart (settings and port live in a lasting state folder, here a temp one named by
// PERSONA_STUDIO_STATE_DIR so the developer's own is untouched).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { keepTmp, launchBrowser, makeTmp, repoRoot } from '../../scripts/host/lib.mjs';
import { openFromExplorer, shotsDir } from './harness.mjs';

const onPath = (cmd) => (process.env.PATH ?? '').split(path.delimiter).some((d) => d && existsSync(path.join(d, cmd)));

/** Starts `npm run open-examples` in its own process group; resolves with the printed URL. */
function openExamples(stateDir) {
  // With desktop `code` on PATH the script would hand over to it; the server path is the one under test.
  const extra = onPath('code') ? ['--', '--server'] : [];
  const child = spawn('npm', ['run', 'open-examples', ...extra], {
    cwd: repoRoot,
    env: { ...process.env, PERSONA_STUDIO_STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const url = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((e) => reject(new Error(`npm run open-examples exited (${JSON.stringify(e)}) before printing a URL:\n${out}`)));
  });
  const stop = async () => {
    try { process.kill(-child.pid, 'SIGINT'); } catch { /* gone */ }
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };
  return { url, stop, output: () => out };
}

describe('journey: the README\'s first command, npm run open-examples', function () {
  this.timeout(420_000);
  let tmp;
  let stateDir;
  let browser;
  let run;

  before(() => {
    tmp = makeTmp('open-examples');
    stateDir = path.join(tmp, 'state');
    mkdirSync(shotsDir, { recursive: true });
  });
  after(async function () {
    this.timeout(60_000);
    if (browser) await browser.close();
    if (run) await run.stop();
    if (tmp && !keepTmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('prints a URL that serves the workbench', async () => {
    run = openExamples(stateDir);
    const url = await run.url;
    assert.match(url, /[?&]folder=/, url);
    assert.match(url, /extensionDevelopmentPath/, url);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /workbench/i);
  });

  it('loads Persona Studio in that workbench and starts without error notifications', async () => {
    browser = await launchBrowser(tmp);
    const { page } = browser;
    await page.goto(await run.url);
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    await openFromExplorer(page, 'bfi/bfi.survey.yaml');
    // A positive signal that the extension is loaded: its command runs and shows its own output channel.
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>Persona Studio: Show Log');
    // the row itself is clicked (Enter could run another row while the list still filters)
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: /^Persona Studio: Show Log/ }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    // the output panel shows the channel: a <select> in older workbenches, a dropdown action in newer ones
    const channel = page.locator('.panel .monaco-select-box[title="Persona Studio"], .panel select.monaco-select-box option:checked, .panel .action-item', { hasText: 'Persona Studio' }).first();
    try {
      await channel.waitFor({ timeout: 45_000 });
    } catch (err) {
      await page.screenshot({ path: path.join(shotsDir, 'open-examples--FAILED--show-log.png') }).catch(() => {});
      throw err;
    }
    await page.screenshot({ path: path.join(shotsDir, 'open-examples--workbench.png') });
    const errors = await page.locator('.notifications-toasts .notification-toast:has(.codicon-error)').allInnerTexts();
    assert.deepEqual(errors, [], `error notifications at start: ${errors.join(' | ')}`);
  });

  it('keeps the user\'s settings and port across a restart', async () => {
    const first = new URL(await run.url);
    const result = await run.stop();
    run = undefined;
    assert.ok(result.code === 0 || result.signal === 'SIGINT', `Ctrl-C should stop it cleanly: ${JSON.stringify(result)}`);
    const settingsFile = path.join(stateDir, 'user-data', 'User', 'settings.json');
    assert.ok(existsSync(settingsFile), 'settings.json is kept in the state folder');
    // code-server may still be writing the file as it shuts down: read it once it is whole JSON (up to 20 s)
    let settings;
    for (const deadline = Date.now() + 20_000; settings === undefined; await new Promise((r) => setTimeout(r, 200))) {
      try { settings = JSON.parse(readFileSync(settingsFile, 'utf8')); } catch (err) { if (Date.now() > deadline) throw err; }
    }
    settings['personaStudio.validation.delayMs'] = 321;
    writeFileSync(settingsFile, JSON.stringify(settings, null, 2));

    if (browser) { await browser.close(); browser = undefined; }
    run = openExamples(stateDir);
    const second = new URL(await run.url);
    assert.equal(second.port, first.port, 'the same port again, so the browser finds its state');
    assert.equal(JSON.parse(readFileSync(settingsFile, 'utf8'))['personaStudio.validation.delayMs'], 321, 'a user setting survives a restart');
  });
});
