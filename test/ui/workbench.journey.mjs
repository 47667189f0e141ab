// Journey: the workbench opens the examples workspace with Persona Studio loaded, and a spec opens from the
// explorer in a YAML editor.
import assert from 'node:assert/strict';
import { exampleSpecs, readExample } from './examples.mjs';
import { openFromExplorer, useWorkbench } from './harness.mjs';

describe('journey: open the examples workspace', function () {
  this.timeout(120_000);
  const wb = useWorkbench('workbench');

  it('shows the examples in the explorer, with the extension loaded as a development extension', async () => {
    const { page } = wb;
    const top = [...new Set(exampleSpecs('survey').concat(exampleSpecs('persona')).map((p) => p.split('/')[0]))];
    assert.ok(top.length > 0, 'examples/ holds no specs');
    for (const name of top) {
      await page.locator('.explorer-folders-view .monaco-list-row .label-name', { hasText: name }).first().waitFor();
    }
    assert.match(await page.title(), /Extension Development Host/);
    await wb.shot('explorer');
  });

  it('opens a survey spec from the explorer as YAML', async () => {
    const { page } = wb;
    const spec = exampleSpecs('survey', 'bfi/bfi.survey.yaml')[0];
    assert.ok(spec, 'examples/ holds no *.survey.yaml');
    await openFromExplorer(page, spec);
    await page.locator('.statusbar-item', { hasText: /^YAML$/ }).first().waitFor();
    const nameLine = readExample(spec).split(/\r?\n/).find((l) => l.startsWith('name:'));
    assert.ok(nameLine, `${spec} has no top-level name:`);
    const shown = (await page.locator('.editor-instance .view-line').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trimEnd());
    assert.ok(shown.includes(nameLine.trimEnd()), `the editor does not show ${JSON.stringify(nameLine)}`);
    await wb.shot('spec-open');
  });
});
