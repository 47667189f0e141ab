// Shared fixture for the browser journeys (test/ui/*.journey.mjs, run by scripts/host/run-ui-tests.mjs):
// one isolated code-server per journey file with the extension loaded from the repository as a development
// extension (payload extensionDevelopmentPath), a headless chromium on the workbench, a temp copy of
// examples/ as the workspace; screenshots go to test-results/ui/ (a failure screenshot after each failed test).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  copyExamples, launchBrowser, makeTmp, repoRoot, startCodeServer, workbenchUrl, keepTmp,
} from '../../scripts/host/lib.mjs';
import { rmSync } from 'node:fs';

export const shotsDir = path.join(repoRoot, 'test-results', 'ui');

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

/**
 * Registers before/after hooks for the enclosing describe and returns a handle whose fields are filled
 * once the workbench is up: { page, folder, base, shot(name) }. `options.setup(folder)` prepares the workspace
 * folder before the workbench opens it (settings written later reach the extension only through a file watcher).
 */
export function useWorkbench(name, options = {}) {
  const wb = { page: undefined, folder: undefined, base: undefined, shot: undefined };
  let cs;
  let browser;
  let tmp;
  before(async function () {
    this.timeout(180_000);
    mkdirSync(shotsDir, { recursive: true });
    tmp = makeTmp('ui');
    wb.folder = copyExamples(tmp);
    if (options.setup) await options.setup(wb.folder);
    cs = await startCodeServer({ tmp: path.join(tmp, 'cs'), smokeTestDriver: true, disableWorkspaceTrust: true,
      settings: { 'editor.acceptSuggestionOnEnter': 'off' } });
    browser = await launchBrowser(tmp);
    wb.page = browser.page;
    wb.base = cs.base;
    wb.shot = async (step) => {
      const file = path.join(shotsDir, `${slug(name)}--${slug(step)}.png`);
      await wb.page.screenshot({ path: file });
      return file;
    };
    await wb.page.goto(workbenchUrl(cs, { folder: wb.folder, extensionDevelopmentPath: repoRoot }));
    await wb.page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    await wb.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb.page) {
      const file = path.join(shotsDir, `${slug(name)}--FAILED--${slug(this.currentTest.title)}.png`);
      await wb.page.screenshot({ path: file }).catch(() => {});
      console.log(`      failure screenshot: ${path.relative(repoRoot, file)}`);
    }
  });
  after(async function () {
    this.timeout(30_000);
    if (browser) await browser.close();
    if (cs) await cs.stop();
    if (tmp && !keepTmp) rmSync(tmp, { recursive: true, force: true });
    else if (tmp) console.log(`KEEP_TMP=1: kept ${tmp}`);
  });
  return wb;
}

/** Clicks through the explorer tree (`bfi/bfi.survey.yaml`), expanding folders, and waits for the editor tab. */
export async function openFromExplorer(page, relPath) {
  const parts = relPath.split('/');
  // Each part is looked for inside the subtree of the previous one (by the list's data-index and aria-level), so a
  // file of the same name in another, already expanded folder is never clicked while this folder's children render.
  let parentIndex = -1;
  let parentLevel = 0;
  for (const [i, part] of parts.entries()) {
    let index;
    const deadline = Date.now() + 30_000;
    for (;;) {
      index = await page.evaluate(({ name, parentIndex, parentLevel }) => {
        const rows = [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')]
          .map((r) => ({ index: Number(r.getAttribute('data-index')), level: Number(r.getAttribute('aria-level')), name: r.querySelector('.label-name')?.textContent ?? '' }))
          .sort((a, b) => a.index - b.index);
        for (const r of rows) {
          if (r.index <= parentIndex) continue;
          if (parentIndex >= 0 && r.level <= parentLevel) break; // left the parent's subtree
          if (r.level === parentLevel + 1 && r.name === name) return r.index;
        }
        return undefined;
      }, { name: part, parentIndex, parentLevel });
      if (index !== undefined) break;
      if (Date.now() > deadline) throw new Error(`openFromExplorer: no '${part}' under '${parts.slice(0, i).join('/') || 'the workspace'}' in the explorer`);
      await page.waitForTimeout(100);
    }
    const row = page.locator(`.explorer-folders-view .monaco-list-row[data-index="${index}"]`);
    const isFile = i === parts.length - 1;
    if (isFile) {
      await row.click();
    } else if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
      await page.locator(`.explorer-folders-view .monaco-list-row[data-index="${index}"][aria-expanded="true"]`).waitFor({ timeout: 30_000 });
    }
    parentIndex = index;
    parentLevel += 1;
  }
  const file = parts[parts.length - 1];
  await page.locator('.part.editor .tabs-container .tab.active', { hasText: file }).waitFor({ timeout: 30_000 });
  // the breadcrumbs name the folder too: the file opened is this one, not a namesake in another folder
  if (parts.length > 1) await page.locator('.part.editor .breadcrumbs-control', { hasText: parts[parts.length - 2] }).first().waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** Focuses the active text editor and moves the cursor to the start of a 1-based line (Go to Line, Home). */
export async function goToLine(page, line) {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.keyboard.press('Home');
  const pos = page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+\\b`) });
  await pos.first().waitFor({ timeout: 10_000 });
}

/**
 * Text in a webview page whose contrast against its background is below `min` (WCAG 2 contrast ratio,
 * https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio: (L1 + 0.05) / (L2 + 0.05) over relative luminances).
 * `body` is a Locator of the page's <body>. The text colour is blended with its background by the element's
 * opacity (and its colour's alpha); the background is the nearest ancestor's opaque-enough one. SVG text is
 * skipped (charts take their colours from the theme in src/webview/shared/theme.ts), and so are disabled controls
 * (WCAG 1.4.3 exempts inactive components: a disabled `Next ›` is dimmed on purpose). Returns at most 20 findings.
 */
export async function lowContrastText(body, min = 4.5) {
  return body.evaluate((root, minRatio) => {
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return undefined;
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const blend = (fg, bg, a) => ({ r: fg.r * a + bg.r * (1 - a), g: fg.g * a + bg.g * (1 - a), b: fg.b * a + bg.b * (1 - a), a: 1 });
    const lum = ({ r, g, b }) => {
      const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const backgroundOf = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a >= 0.5) return { ...c, a: 1 };
      }
      return parse(getComputedStyle(document.documentElement).backgroundColor) ?? { r: 255, g: 255, b: 255, a: 1 };
    };
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && out.length < 20; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent.trim() || el.closest('svg, script, style, [disabled], [aria-disabled="true"]')) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || el.getClientRects().length === 0) continue;
      let opacity = 1;
      for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const bg = backgroundOf(el);
      const c = parse(cs.color);
      if (!c) continue;
      const fg = blend(c, bg, c.a * opacity);
      const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < minRatio) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${n.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)} (${cs.color} on ${getComputedStyle(el).backgroundColor})`);
    }
    return out;
  }, min);
}

/**
 * Starts the project's OpenAI-compatible test server (`test/server/runTestServer.cjs`, its own process) for the
 * enclosing describe; the returned handle's `url` is set once it listens.
 */
export function useTestServer(args = ['--plausible', '--latency', '150']) {
  const handle = { url: undefined };
  let server;
  before(async function () {
    this.timeout(60_000);
    server = spawn(process.execPath, [path.join(repoRoot, 'test/server/runTestServer.cjs'), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    handle.url = await new Promise((resolve, reject) => {
      server.stdout.once('data', (d) => resolve(String(d).trim()));
      server.once('exit', (code) => reject(new Error(`test server exited (${code})`)));
    });
  });
  after(() => server?.kill('SIGTERM'));
  return handle;
}

/** The small study fixture (test/fixtures/pipeline) in `dir`: 8 backstories, the first 40 respondents. */
export function writeSmallStudy(dir) {
  mkdirSync(dir, { recursive: true });
  const src = path.join(repoRoot, 'test', 'fixtures', 'pipeline');
  for (const f of ['small.persona.yaml', 'bfi-small.survey.yaml', 'bfi500.csv']) {
    let text = readFileSync(path.join(src, f), 'utf8');
    if (f.endsWith('.csv')) text = `${text.split('\n').slice(0, 41).join('\n')}\n`;
    if (f === 'small.persona.yaml') text = text.replace(/count: 520\b/, 'count: 8');
    writeFileSync(path.join(dir, f), text);
  }
}
