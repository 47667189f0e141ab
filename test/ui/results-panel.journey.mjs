// Journey (issue 9): a survey spec with an analysed run shows `Open results` and per-question WD lenses; the
// lens opens the results panel beside the spec; every tab renders in the Dark Modern, Light Modern and
// Dark High Contrast themes with readable text (contrast checked) and no CSP violation inside the webview; clicking a question reveals it in the
// spec; after a reload the panel comes back on the same tab (serializer + setState).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../scripts/host/lib.mjs';
import { lowContrastText, openFromExplorer, useWorkbench } from './harness.mjs';

const TABS = ['metrics', 'questions', 'personas', 'correlations', 'drift', 'compare'];

describe('journey: read the results of a run beside the spec', function () {
  this.timeout(180_000);
  const wb = useWorkbench('results-panel');
  const cspMessages = [];
  let frame;

  /** The results page's frame (webview iframe → #active-frame), once it has rendered. */
  async function resultsFrame() {
    const { page } = wb;
    await page.locator('iframe.webview.ready').first().waitFor({ timeout: 60_000 });
    const outer = await page.locator('iframe.webview.ready').first().elementHandle();
    const outerFrame = await outer.contentFrame();
    const inner = await outerFrame.locator('#active-frame').elementHandle({ timeout: 60_000 });
    const f = await inner.contentFrame();
    await f.locator('body[data-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
    await f.evaluate(() => {
      if (window.__cspCount === undefined) {
        window.__cspCount = 0;
        document.addEventListener('securitypolicyviolation', () => { window.__cspCount++; });
      }
    });
    return f;
  }
  const violations = async () => cspMessages.length + (frame ? await frame.evaluate(() => window.__cspCount ?? 0) : 0);
  async function showTab(tab) {
    await frame.locator(`vscode-tab-header[data-tab="${tab}"]`).click();
    await frame.locator(`body[data-state="ready"][data-tab="${tab}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  }
  async function pickTheme(name) {
    const { page } = wb;
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+T');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(name);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  it('writes an analysed run and shows the result lenses on the spec', async () => {
    const { page } = wb;
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) cspMessages.push(m.text()); });
    execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/fixtures/analysis/writeBfiRun.ts'), wb.folder, '20261201-120000-drifted-sim', '--personas'], { cwd: repoRoot, stdio: 'pipe' });
    await openFromExplorer(page, 'bfi/bfi.survey.yaml');
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: /^Open results/ }).first().waitFor({ timeout: 30_000 });
    // question lenses below the fold are rendered but hidden: attached is enough
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: /^WD \d\.\d\d · human \d\.\d\d · drift [+−±]\d\.\d$/ }).first().waitFor({ state: 'attached' });
    await wb.shot('lenses');
  });

  it('opens the panel beside the spec from the lens, with the metric table and the drift warning', async () => {
    const { page } = wb;
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: /^Open results/ }).first().click();
    await page.locator('.part.editor .tab', { hasText: 'Results: bfi.survey.yaml' }).first().waitFor({ timeout: 30_000 });
    frame = await resultsFrame();
    assert.equal(await frame.locator('table.metrics tbody tr').count(), 3);
    assert.equal(await frame.locator('.warning[data-lean="drifted-sim"]').count(), 1);
    await wb.shot('panel-metrics');
  });

  const THEME_CLASS = { 'Dark Modern': 'vscode-dark', 'Light Modern': 'vscode-light', 'Dark High Contrast': 'vscode-high-contrast' };
  for (const theme of ['Dark Modern', 'Light Modern', 'Dark High Contrast']) {
    it(`renders every tab in ${theme}, readable, without a CSP violation`, async () => {
      await pickTheme(theme);
      await frame.locator(`body.${THEME_CLASS[theme]}[data-state="ready"]`).waitFor({ state: 'attached', timeout: 30_000 });
      for (const tab of TABS) {
        await showTab(tab);
        if (tab === 'personas') assert.equal(await frame.locator('table.personas tbody tr').count(), 50, 'a page of personas');
        else if (tab !== 'metrics' && tab !== 'compare') assert.ok(await frame.locator('svg').count() > 0, `${tab} has a chart`);
        // every text of the tab is readable: WCAG AA 4.5:1, AAA 7:1 in high contrast
        assert.deepEqual(await lowContrastText(frame.locator('body'), theme === 'Dark High Contrast' ? 7 : 4.5), [], `low-contrast text on ${tab} in ${theme}`);
        await wb.shot(`panel-${tab}-${theme}`);
      }
      assert.equal(await violations(), 0, cspMessages.join('\n'));
    });
  }

  it('reveals a question in the spec when it is clicked', async () => {
    const { page } = wb;
    await pickTheme('Dark Modern');
    await showTab('questions');
    await frame.locator('table.questions tbody tr[data-id="N3"]').click();
    const line = (await import('node:fs')).readFileSync(path.join(wb.folder, 'bfi/bfi.survey.yaml'), 'utf8').split(/\r?\n/).findIndex((l) => /id: N3,/.test(l)) + 1;
    await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+`) }).first().waitFor({ timeout: 15_000 });
    await frame.locator('.detail h3', { hasText: 'N3' }).waitFor();
    await wb.shot('reveal-question');
  });

  it('comes back on the same tab after a reload (serializer and setState)', async () => {
    const { page } = wb;
    // Developer: Reload Window goes through the workbench's shutdown, which saves the webview's state
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>Developer: Reload Window');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Developer: Reload Window' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForEvent('load', { timeout: 60_000 });
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    await page.locator('.part.editor .tab', { hasText: 'Results: bfi.survey.yaml' }).first().click({ timeout: 60_000 });
    frame = await resultsFrame();
    assert.equal(await frame.locator('body').getAttribute('data-tab'), 'questions');
    assert.equal(await frame.locator('.detail h3').innerText(), 'N3');
    assert.equal(await violations(), 0, cspMessages.join('\n'));
    await wb.shot('restored');
  });
});
