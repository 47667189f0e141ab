// Journey (b) of issue 9: against the project's OpenAI-compatible test server (a fixture, plausible answers):
// click `Run simulation` (a small study: 8 backstories, 40 respondents, 25 items), watch the progress, cancel,
// click `Resume`; the run completes with the same answers.csv as an uninterrupted run of the same study.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openFromExplorer, useTestServer, useWorkbench, writeSmallStudy } from './harness.mjs';

const answersOf = (dir) => {
  const runs = path.join(dir, 'runs', 'bfi-small');
  if (!existsSync(runs)) return undefined;
  const id = readdirSync(runs).find((d) => existsSync(path.join(runs, d, 'answers.csv')));
  return id ? { id, csv: readFileSync(path.join(runs, id, 'answers.csv'), 'utf8'), record: JSON.parse(readFileSync(path.join(runs, id, 'run.json'), 'utf8')) } : undefined;
};

describe('journey: run a simulation, cancel it, resume it', function () {
  this.timeout(300_000);
  const server = useTestServer();

  // the studies and the endpoint setting are in place before the workbench opens the folder: a settings.json written
  // after it reaches the extension through a file watcher, which can lag under load (the Run click then found no
  // endpoint configured)
  const wb = useWorkbench('run-simulation', {
    setup: (folder) => {
      writeSmallStudy(path.join(folder, 'study'));
      writeSmallStudy(path.join(folder, 'straight'));
      mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'personaStudio.endpoints': [{ name: 'default', baseUrl: server.url }] }));
    },
  });
  const lensLink = (re) => wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: re }).first();

  it('runs, shows live progress, and is cancelled with a whole journal', async () => {
    const { page } = wb;
    await openFromExplorer(page, 'study/bfi-small.survey.yaml');
    await lensLink(/^Run simulation$/).waitFor({ timeout: 60_000 });
    await lensLink(/^Run simulation$/).click();
    // the spec's live lens counts the simulation's answers (the notification shows the same with rate and ETA)
    await lensLink(/Running [1-9]\d*\/1000 answers/).waitFor({ timeout: 120_000 });
    await wb.shot('progress');
    await lensLink(/^Cancel$/).click();
    // cancelled: the spec offers Resume (the notification says the journal is kept)
    await lensLink(/^Resume /).waitFor({ timeout: 60_000 });
    const runs = path.join(wb.folder, 'study', 'runs', 'bfi-small');
    const id = readdirSync(runs).find((d) => existsSync(path.join(runs, d, 'run.json')));
    assert.equal(JSON.parse(readFileSync(path.join(runs, id, 'run.json'), 'utf8')).status, 'cancelled');
    const journal = readFileSync(path.join(runs, id, 'journal.jsonl'), 'utf8');
    assert.ok(journal.endsWith('\n'));
    for (const l of journal.split('\n').filter(Boolean)) JSON.parse(l);
    await wb.shot('cancelled');
  });

  it('resumes from the Resume lens and completes', async () => {
    const { page } = wb;
    await lensLink(/^Resume /).waitFor({ timeout: 60_000 });
    await wb.shot('resume-lens');
    await lensLink(/^Resume /).click();
    const dir = path.join(wb.folder, 'study');
    const deadline = Date.now() + 180_000;
    while (!answersOf(dir) || answersOf(dir).record.status !== 'done') {
      assert.ok(Date.now() < deadline, 'the resumed run finished');
      await page.locator('.notifications-toasts', { hasText: /Simulation .* done/ }).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await wb.shot('resumed-done');
  });

  it('gives the same answers as an uninterrupted run', async () => {
    const { page } = wb;
    await openFromExplorer(page, 'straight/bfi-small.survey.yaml');
    await lensLink(/^Run simulation$/).waitFor({ timeout: 60_000 });
    await lensLink(/^Run simulation$/).click();
    const dir = path.join(wb.folder, 'straight');
    const deadline = Date.now() + 180_000;
    while (!answersOf(dir) || answersOf(dir).record.status !== 'done') {
      assert.ok(Date.now() < deadline, 'the uninterrupted run finished');
      await page.locator('.notifications-toasts', { hasText: /Simulation .* done/ }).nth(1).waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    assert.equal(answersOf(path.join(wb.folder, 'study')).csv, answersOf(dir).csv);
  });
});
