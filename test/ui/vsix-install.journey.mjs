// Journey (issue 9 item 7): the packaged extension works on its own. `npm run package` builds the .vsix with
// @vscode/vsce; it must hold only what runs (bundles, schemas, grammar, media, README, CHANGELOG, LICENSE).
// code-server installs it with --install-extension into a fresh extensions dir, then a workbench (without the
// development extension) opens the examples: a survey spec gets the extension's hover, and a backstory file
// opens in its review editor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyExamples, keepTmp, launchBrowser, makeTmp, repoRoot, startCodeServer, workbenchUrl } from '../../scripts/host/lib.mjs';
import { codeServerEntry, node24Bin } from '../../scripts/host/paths.mjs';
import { goToLine, shotsDir } from './harness.mjs';

/** Names of the entries of a zip file, from its central directory. */
function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, `${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory entry');
    const n = buf.readUInt16LE(p + 28);
    const m = buf.readUInt16LE(p + 30);
    const k = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + n));
    p += 46 + n + m + k;
  }
  return names;
}

describe('journey: install the packaged .vsix into code-server and use it', function () {
  this.timeout(300_000);
  let tmp;
  let vsix;
  let cs;
  let browser;
  let page;
  let folder;

  before(() => {
    tmp = makeTmp('vsix');
    vsix = path.join(tmp, 'persona-studio.vsix');
  });
  after(async function () {
    this.timeout(30_000);
    if (browser) await browser.close();
    if (cs) await cs.stop();
    if (tmp && !keepTmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('packages only what runs', () => {
    const r = spawnSync('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix],
      { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    assert.equal(r.status, 0, `vsce package failed:\n${r.stdout}\n${r.stderr}`);
    const files = zipEntries(vsix).filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
    for (const must of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'dist/extension.js', 'dist/webview/backstoryReview.js',
      'schemas/survey.schema.json', 'schemas/persona.schema.json', 'syntaxes/template-variables.injection.json', 'dist/webview/backstoryReview.css', 'dist/webview/resultsPanel.js']) {
      assert.ok(files.includes(must), `${must} missing from the .vsix: ${files.join(', ')}`);
    }
    const unwanted = files.filter((f) => /^(src|test|bench|scripts|examples|out|node_modules)\//.test(f) || /\.(ts|map|csv|jsonl)$/.test(f) || f === 'dist/cli.js');
    assert.deepEqual(unwanted, [], 'sources, tests, fixture data or source maps in the .vsix');
  });

  it('installs with --install-extension', async () => {
    const extensionsDir = path.join(tmp, 'cs', 'extensions');
    mkdirSync(extensionsDir, { recursive: true });
    const userData = path.join(tmp, 'cs', 'user-data');
    const r = spawnSync(node24Bin, [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userData, '--install-extension', vsix],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg') }, timeout: 120_000 });
    assert.equal(r.status, 0, `install failed:\n${r.stdout}\n${r.stderr}`);
    assert.match(`${r.stdout}${r.stderr}`, /persona-studio.*successfully installed/i);
  });

  it('opens an example with the installed extension: hover on a spec key, backstories in the review editor', async () => {
    folder = copyExamples(tmp);
    writeFileSync(path.join(folder, 'personas', 'us-adults.backstories.jsonl'),
      `${Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `p${i}`, text: `Backstory ${i}.`, method: 'anthology', createdAt: '2026-11-30T00:00:00Z' })).join('\n')}\n`);
    cs = await startCodeServer({ tmp: path.join(tmp, 'cs'), disableWorkspaceTrust: true });
    browser = await launchBrowser(tmp);
    page = browser.page;
    await page.goto(workbenchUrl(cs, { folder }));
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    const row = (name) => page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) }).first();
    await row('bfi').click();
    await row('bfi.survey.yaml').click();
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
    const text = readFileSync(path.join(folder, 'bfi', 'bfi.survey.yaml'), 'utf8').split(/\r?\n/);
    const nameLine = text.findIndex((l) => /^name:/.test(l)) + 1;
    assert.ok(nameLine > 0);
    const description = JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'survey.schema.json'), 'utf8')).properties.name.description.split(/[.\n]/)[0].slice(0, 40);
    await page.locator('.part.activitybar [aria-label*="Persona Studio"]').first().waitFor({ timeout: 60_000 });
    // The hover provider exists once the installed extension has activated: ask again until it answers.
    for (let attempt = 1; ; attempt++) {
      await goToLine(page, nameLine);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      try {
        await page.waitForFunction((want) => [...document.querySelectorAll('.monaco-hover')].some((h) => h.textContent.replace(/\s+/g, ' ').includes(want)), description, { timeout: 10_000 });
        break;
      } catch (err) {
        if (attempt === 6) throw err;
        await page.keyboard.press('Escape');
      }
    }
    await page.keyboard.press('Escape');
    await row('personas').click();
    await row('us-adults.backstories.jsonl').click();
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('.summary', { hasText: '50 of 50 backstories' }).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('body').getAttribute('data-csp-violations'), '0');
    mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: path.join(shotsDir, 'vsix-install--review-editor.png') });
  });
});
