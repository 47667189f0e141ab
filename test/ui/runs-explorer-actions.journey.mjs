// Journey (issue 9): a run going on shows in the runs explorer with its live stage count, calls and cost, and a
// Cancel action (inline icon and context menu); cancelled, the run offers Resume instead (never both); Resume from
// the explorer continues the same run folder through the run controller until it is done. Against the project's
// OpenAI-compatible test server (a fixture, plausible answers, 150 ms latency); the small study: 8 backstories,
// 40 respondents, 25 items.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openFromExplorer, useTestServer, useWorkbench, writeSmallStudy } from './harness.mjs';

describe('journey: cancel and resume a run from the runs explorer', function () {
  this.timeout(300_000);
  const server = useTestServer();

  const wb = useWorkbench('runs-explorer-actions');
  const runsView = () => wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /runs/i }) });
  const runRow = () => runsView().locator('.monaco-list-row').filter({ hasText: 'anthology' }).first();
  const text = async (loc) => (await loc.innerText()).replace(/\s+/g, ' ');
  const action = (row, label) => row.locator(`.actions .action-label[aria-label^="${label}"]`);
  const runsDir = () => path.join(wb.folder, 'study', 'runs', 'bfi-small');

  it('shows the going run live with Cancel only, and Cancel stops it', async () => {
    const { page } = wb;
    writeSmallStudy(path.join(wb.folder, 'study'));
    mkdirSync(path.join(wb.folder, '.vscode'), { recursive: true });
    writeFileSync(path.join(wb.folder, '.vscode', 'settings.json'), JSON.stringify({ 'personaStudio.endpoints': [{ name: 'default', baseUrl: server.url }] }));
    await openFromExplorer(page, 'study/bfi-small.survey.yaml');
    const run = page.locator('.contentWidgets .codelens-decoration a', { hasText: /^Run simulation$/ }).first();
    await run.waitFor({ timeout: 60_000 });
    await page.locator('.part.activitybar [aria-label*="Persona Studio"]').first().click();
    await runsView().locator('.monaco-list-row', { hasText: 'bfi-small.survey.yaml' }).first().waitFor({ timeout: 30_000 });
    await run.click();
    // live: the stage count, the calls and the cost (unknown: the test models have no price) while it goes
    const live = /running · simulation ([\d,]+)\/1,000 answers · test-base-model · .* · [\d,]+ calls · cost unknown \(no price for test-base-model\)/;
    await runRow().filter({ hasText: live }).waitFor({ timeout: 120_000 });
    const first = Number(live.exec(await text(runRow()))[1].replace(/,/g, ''));
    await runRow().filter({ hasText: live }).filter({ hasNotText: new RegExp(`running · simulation ${first.toLocaleString('en-US')}/`) }).waitFor({ timeout: 30_000 });
    // the same listing holds the run and not the shared answer cache beside it (`runs/bfi-small/cache`)
    assert.equal(await runsView().locator('.monaco-list-row', { hasText: 'no run.json' }).count(), 0, 'the cache folder is not listed as a run');
    await runRow().hover();
    await action(runRow(), 'Cancel Run').waitFor({ timeout: 10_000 });
    assert.equal(await action(runRow(), 'Resume Run').count(), 0, 'no Resume on a going run');
    await wb.shot('running-cancel-inline');
    await action(runRow(), 'Cancel Run').click();
    await runRow().filter({ hasText: /^.*cancelled · test-base-model/ }).waitFor({ timeout: 60_000 });
    const id = readdirSync(runsDir()).find((d) => existsSync(path.join(runsDir(), d, 'run.json')));
    assert.equal(JSON.parse(readFileSync(path.join(runsDir(), id, 'run.json'), 'utf8')).status, 'cancelled');
  });

  it('offers Resume only (inline and in the context menu) on the cancelled run', async () => {
    const { page } = wb;
    await runRow().hover();
    await action(runRow(), 'Resume Run').waitFor({ timeout: 10_000 });
    assert.equal(await action(runRow(), 'Cancel Run').count(), 0, 'no Cancel on a cancelled run');
    await wb.shot('cancelled-resume-inline');
    await runRow().click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.locator('.action-item', { hasText: 'Resume Run' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await menu.locator('.action-item', { hasText: 'Cancel Run' }).count(), 0);
    await wb.shot('cancelled-context-menu');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
  });

  it('resumes the same run folder from the explorer until it is done', async () => {
    const before = readdirSync(runsDir()).filter((d) => existsSync(path.join(runsDir(), d, 'run.json')));
    await runRow().hover();
    await action(runRow(), 'Resume Run').click();
    await runRow().filter({ hasText: /running · / }).waitFor({ timeout: 60_000 });
    await runRow().filter({ hasText: /done · test-base-model · .* · [\d,]+ calls/ }).waitFor({ timeout: 180_000 });
    const after = readdirSync(runsDir()).filter((d) => existsSync(path.join(runsDir(), d, 'run.json')));
    assert.deepEqual(after, before, 'the same run folder was continued, no new one');
    assert.ok(existsSync(path.join(runsDir(), before[0], 'answers.csv')));
    await runRow().hover();
    assert.equal(await action(runRow(), 'Resume Run').count() + await action(runRow(), 'Cancel Run').count(), 0, 'neither on a done run');
    await wb.shot('resumed-done');
  });
});
