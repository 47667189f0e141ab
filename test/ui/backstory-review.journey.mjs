// Journey (issue 9, done-when c): a researcher opens a backstory file of 10,000 entries from the explorer;
// the review editor (not the text editor) shows them; they search for a word, filter by an inferred
// demographic, exclude one persona with a note, and save; the decision lands in the .review.json sidecar, and the
// persona spec's lens counts it (`Review backstories (10,000 · 1 excluded)`). The page is readable (contrast
// checked) in light, dark and high-contrast themes, with a screenshot of each. No Content-Security-Policy
// violation may happen inside the webview.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lowContrastText, openFromExplorer, useWorkbench } from './harness.mjs';

const N = 10_000;
const id = (i) => `b${String(i).padStart(6, '0')}`;
const marked = (i) => i % 97 === 0; // these mention a shipwright
/** Inferred gender by construction: option i % 4, non-compliant for every 7th (see the counts below). */
const gender = (i) => (i % 7 === 0 ? 4 : i % 4);

function writeFixture(dir) {
  const lines = [];
  const demo = [];
  for (let i = 0; i < N; i++) {
    const text = `I grew up near the river and worked ${i % 3 === 0 ? 'at the mill' : 'in a school'}${marked(i) ? ' as a shipwright' : ''}. Persona number ${i}.`;
    lines.push(JSON.stringify({ id: id(i), text, method: 'anthology', model: 'meta-llama/Meta-Llama-3-70B', params: { temperature: 1, top_p: 1, max_tokens: 1500 }, createdAt: '2026-11-30T12:00:00Z' }));
    const g = [2, 2, 2, 2, 2];
    g[gender(i)] = 30;
    demo.push(JSON.stringify({ id: id(i), variables: { gender: { counts: g, source: 'samples', samples: 38 } } }));
  }
  // us-adults.persona.yaml names this file as its backstories.output, so its option labels are used.
  writeFileSync(path.join(dir, 'us-adults.backstories.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(dir, 'us-adults.demographics.jsonl'), `${demo.join('\n')}\n`);
}

describe('journey: review 10,000 backstories', function () {
  this.timeout(180_000);
  const wb = useWorkbench('backstory-review');
  const consoleCsp = [];
  const frame = () => wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const summary = () => frame().locator('.summary');

  before(() => {
    writeFixture(path.join(wb.folder, 'personas'));
    wb.page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) consoleCsp.push(m.text()); });
  });

  it('opens the file from the explorer in the review editor with every backstory', async () => {
    const { page } = wb;
    const row = (name) => page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) }).first();
    // The workbench knows the custom editor once the extension's contributions are registered (its
    // activity bar entry shows); a file opened before that opens as text.
    await page.locator('.part.activitybar [aria-label*="Persona Studio"]').first().waitFor({ timeout: 60_000 });
    await row('personas').click();
    await row('us-adults.backstories.jsonl').click();
    await page.locator('.part.editor .tabs-container .tab.active', { hasText: 'us-adults.backstories.jsonl' }).waitFor({ timeout: 30_000 });
    await summary().filter({ hasText: `${N.toLocaleString('en-US')} of ${N.toLocaleString('en-US')} backstories` }).waitFor({ timeout: 60_000 });
    await frame().locator('.row[data-id="b000000"]').waitFor();
    // gender facet, labelled from the persona spec
    await frame().locator('.facet[data-variable="gender"] .facet-label', { hasText: 'Female' }).waitFor();
    await wb.shot('opened');
  });

  it('searches the text', async () => {
    const expected = Array.from({ length: N }, (_, i) => i).filter(marked).length; // 104: i = 0, 97, …, 9991
    await frame().locator('input.search').fill('shipwright');
    await summary().filter({ hasText: `${expected} of ${N.toLocaleString('en-US')}` }).waitFor({ timeout: 30_000 });
    await wb.shot('searched');
  });

  it('filters by an inferred demographic, with each option\'s count and the non-compliant share', async () => {
    const hits = Array.from({ length: N }, (_, i) => i).filter(marked);
    const female = hits.filter((i) => gender(i) === 1);
    const nonCompliant = hits.filter((i) => gender(i) === 4).length;
    const ncRow = frame().locator('.facet[data-variable="gender"] .facet-row.nc');
    assert.match(await ncRow.innerText(), new RegExp(`${nonCompliant} · ${(100 * nonCompliant / hits.length).toFixed(1)}%`));
    await frame().locator('.facet[data-variable="gender"] input[aria-label="gender: Female"]').check();
    await summary().filter({ hasText: `${female.length} of ${N.toLocaleString('en-US')}` }).waitFor({ timeout: 30_000 });
    await frame().locator(`.row[data-id="${id(female[0])}"]`).waitFor();
    await wb.shot('filtered');
  });

  it('excludes one persona with a note, saves, and the sidecar holds the decision', async () => {
    const hits = Array.from({ length: N }, (_, i) => i).filter((i) => marked(i) && gender(i) === 1);
    const target = id(hits[0]);
    await frame().locator(`.row[data-id="${target}"]`).click();
    await frame().locator('.detail h2', { hasText: target }).waitFor();
    await frame().locator('.detail textarea.note').fill('Reads like a template, not a person');
    await frame().locator('.detail button', { hasText: 'Save note' }).click();
    await frame().locator('.detail button', { hasText: /^Exclude$/ }).click();
    await frame().locator(`.row[data-id="${target}"] .badge.excluded`).waitFor({ timeout: 15_000 });
    await summary().filter({ hasText: '1 excluded' }).waitFor();
    await wb.page.locator('.part.editor .tabs-container .tab.active.dirty').waitFor({ timeout: 10_000 });
    await wb.shot('excluded');
    await wb.page.keyboard.press('Control+S');
    const sidecar = path.join(wb.folder, 'personas', 'us-adults.backstories.jsonl.review.json');
    const deadline = Date.now() + 15_000;
    while (!existsSync(sidecar) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const review = JSON.parse(readFileSync(sidecar, 'utf8'));
    assert.deepEqual(Object.keys(review.entries), [target]);
    assert.equal(review.entries[target].excluded, true);
    assert.equal(review.entries[target].note, 'Reads like a template, not a person');
  });

  it('follows the light, dark and high-contrast themes (theme classes, readable text, screenshots)', async () => {
    const { page } = wb;
    for (const [theme, cls] of [['Dark Modern', 'vscode-dark'], ['Dark High Contrast', 'vscode-high-contrast'], ['Light Modern', 'vscode-light']]) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.fill('>Preferences: Color Theme');
      const command = page.locator('.quick-input-widget .monaco-list-row', { hasText: /Preferences: Color Theme(?!s)/ }).first();
      await command.waitFor();
      await command.click();
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor(); // the theme list is up
      await input.fill(theme);
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: theme }).first().waitFor();
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      await frame().locator(`body.${cls}`).waitFor({ timeout: 15_000 });
      // every text of the page (facets, the list with its excluded badge, the detail) is readable in this theme:
      // WCAG AA 4.5:1 in every theme, AAA 7:1 in high contrast
      assert.deepEqual(await lowContrastText(frame().locator('body'), cls === 'vscode-high-contrast' ? 7 : 4.5), [], `low-contrast text in ${theme}`);
      await wb.shot(`theme-${cls}`);
    }
  });

  it('had no Content-Security-Policy violation in the webview', async () => {
    assert.equal(await frame().locator('body').getAttribute('data-csp-violations'), '0');
    assert.deepEqual(consoleCsp, []);
  });

  it('counts the saved exclusion on the persona spec\'s lens: Review backstories (10,000 · 1 excluded)', async () => {
    const { page } = wb;
    await openFromExplorer(page, 'personas/us-adults.persona.yaml');
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: `Review backstories (${N.toLocaleString('en-US')} · 1 excluded)` }).first();
    await lens.waitFor({ timeout: 60_000 });
    await wb.shot('persona-spec-review-lens');
    // the lens opens the review editor again, on the same file with the exclusion kept
    await lens.click();
    await page.locator('.part.editor .tabs-container .tab.active', { hasText: 'us-adults.backstories.jsonl' }).waitFor({ timeout: 30_000 });
    await summary().filter({ hasText: '1 excluded' }).waitFor({ timeout: 60_000 });
    assert.equal(await frame().locator('body').getAttribute('data-csp-violations'), '0');
    assert.deepEqual(consoleCsp, []);
  });
});
