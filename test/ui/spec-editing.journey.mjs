// Journey (issue 2): a researcher opens an example survey spec from the explorer, breaks it with an unknown
// key, sees the problem at the right line in the Problems panel and the squiggle in the editor, deletes the
// line and sees it go; hovers a key to read its schema description; asks for completion and gets schema keys
// and enum values; fixes a misspelt key with the quick fix.
import assert from 'node:assert/strict';
import { descriptionPrefix, exampleSpecs, readExample, schema, topLevelKeyLine } from './examples.mjs';
import { goToLine, openFromExplorer, useWorkbench } from './harness.mjs';

const norm = (s) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

describe('journey: edit a survey spec with diagnostics, hover and completion', function () {
  this.timeout(120_000);
  const wb = useWorkbench('spec-editing');
  const spec = exampleSpecs('survey', 'bfi/bfi.survey.yaml')[0];
  const text = spec ? readExample(spec) : '';
  const surveySchema = schema('survey');
  const problemRows = () => wb.page.locator('.markers-panel .monaco-list-row');

  it('opens the spec from the explorer', async () => {
    assert.ok(spec, 'examples/ holds no *.survey.yaml');
    await openFromExplorer(wb.page, spec);
  });

  it('reports an unknown key at its line in the Problems panel, live, and clears it when the line goes', async () => {
    const { page } = wb;
    const line = topLevelKeyLine(text, 'questions');
    assert.ok(line && line > 1, `${spec} has no top-level questions: below line 1`);
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').first().waitFor();
    const where = `[Ln ${line}, Col 1]`;
    const before = await problemRows().allInnerTexts();
    assert.ok(!before.some((t) => t.includes('unknown-key')), `the pristine example already has problems: ${before.join(' | ')}`);

    await goToLine(page, line);
    await page.keyboard.type('bogusKey: 1');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    // Diagnostics follow the typing (debounced); wait for the final state of the line.
    const row = problemRows().filter({ hasText: where }).filter({ hasText: 'bogusKey' });
    await row.first().waitFor({ timeout: 15_000 });
    const rowText = norm(await row.first().innerText());
    assert.match(rowText, /persona-studio/, `row: ${rowText}`);
    assert.match(rowText, /unknown-key/, `row: ${rowText}`);
    assert.equal(await problemRows().filter({ hasText: 'persona-studio' }).count(), 1, `one problem expected: ${(await problemRows().allInnerTexts()).join(' | ')}`);
    await page.locator('.editor-instance .squiggly-error').first().waitFor();
    await wb.shot('unknown-key-in-problems');

    await goToLine(page, line);
    await page.keyboard.press('Control+Shift+K'); // delete the line again
    await row.first().waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('fixes a misspelt key with the quick fix (Ctrl+.)', async () => {
    const { page } = wb;
    const line = topLevelKeyLine(text, 'questions');
    await goToLine(page, line);
    for (let i = 0; i < 'questi'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Backspace'); // "questions" -> "questons"
    const row = problemRows().filter({ hasText: `[Ln ${line}, Col 1]` }).filter({ hasText: 'questons' });
    await row.first().waitFor({ timeout: 15_000 });
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: "Change to 'questions'" });
    // Ctrl+. right after the diagnostic lands can meet a code-action request that is still settling: retry.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await fix.first().waitFor({ timeout: 5_000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        await page.keyboard.press('Escape');
      }
    }
    await wb.shot('quick-fix-menu');
    await fix.first().click();
    await row.first().waitFor({ state: 'detached', timeout: 15_000 });
    const shown = (await page.locator('.editor-instance .view-line').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trimEnd());
    assert.ok(shown.includes('questions:'), 'the key reads questions: again');
    assert.equal(await problemRows().filter({ hasText: 'persona-studio' }).count(), 0);
  });

  it('shows the schema description when hovering a key', async () => {
    const { page } = wb;
    const line = topLevelKeyLine(text, 'name');
    assert.ok(line, `${spec} has no top-level name:`);
    const expected = descriptionPrefix(surveySchema.properties.name.description);
    await goToLine(page, line);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('.monaco-hover')].some((h) => h.textContent.replace(/\s+/g, ' ').includes(want)),
      expected, { timeout: 15_000 });
    await wb.shot('hover-name');
    await page.keyboard.press('Escape');
  });

  /** 1-based line of the first line matching `re` after the top-level `key:` line. */
  const lineInBlock = (key, re) => {
    const start = topLevelKeyLine(text, key);
    assert.ok(start, `${spec} has no top-level ${key}:`);
    const idx = text.split(/\r?\n/).findIndex((l, i) => i >= start && re.test(l));
    assert.ok(idx >= 0, `${spec}: no line matching ${re} under ${key}:`);
    return idx + 1;
  };
  const suggestLabels = async () => {
    const rows = wb.page.locator('.editor-widget.suggest-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    return (await wb.page.locator('.editor-widget.suggest-widget .monaco-list-row .label-name').allInnerTexts()).map(norm);
  };

  it('completes the unused keys of a nested mapping (matching:) from the schema', async () => {
    const { page } = wb;
    const keys = Object.keys(surveySchema.definitions.matching.properties);
    const block = text.split(/\r?\n/).slice(topLevelKeyLine(text, 'matching'));
    const used = [];
    for (const l of block) {
      const m = /^  ([A-Za-z_][\w-]*):/.exec(l);
      if (m) used.push(m[1]);
      else if (/^\S/.test(l)) break;
    }
    const unused = keys.filter((k) => !used.includes(k));
    assert.ok(unused.length > 0, `matching: in ${spec} uses every key`);
    const last = lineInBlock('matching', new RegExp(`^  ${used[used.length - 1]}:`));
    await goToLine(page, last);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${last + 1}, Col 3\\b`) }).first().waitFor();
    await page.keyboard.press('Control+Space');
    const labels = await suggestLabels();
    const offered = unused.filter((k) => labels.some((l) => l === k || l.startsWith(`${k}:`)));
    assert.deepEqual(offered, unused, `completion shows ${JSON.stringify(labels)}; expected ${JSON.stringify(unused)}`);
    assert.ok(!labels.some((l) => used.includes(l.replace(/:.*$/, ''))), `completion offers keys already used: ${JSON.stringify(labels)}`);
    await wb.shot('completion-keys');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+K');
  });

  it('completes enum values (matching method) from the schema', async () => {
    const { page } = wb;
    const values = surveySchema.definitions.matchingMethod.enum;
    const line = lineInBlock('matching', /^  method: /);
    await goToLine(page, line);
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col 11\\b`) }).first().waitFor();
    await page.keyboard.press('Control+Space');
    const labels = await suggestLabels();
    for (const v of values) assert.ok(labels.includes(v), `completion shows ${JSON.stringify(labels)}; expected ${v}`);
    await wb.shot('completion-enum');
    await page.keyboard.press('Escape');
  });
});
