import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface MenuEntry { readonly command: string; readonly when?: string; readonly group?: string }

// The Runs view's context values, as `src/extension/runs/runsTree.ts` builds them: `run` + `.analysed` + `.running`
// or `.resumable`, `runProblem` for a folder whose run.json is missing or unreadable, `spec` for a survey spec.
const RUN_VALUES = ['run', 'run.analysed', 'run.resumable', 'run.analysed.resumable', 'run.running', 'run.analysed.running'];
const PROBLEM = 'runProblem';

/** Whether a `when` clause's `viewItem =~ /re/` part matches a context value (the other terms are view and selection). */
function matches(when: string, value: string): boolean {
  const m = /viewItem =~ \/(.+?)\/(?: |$)/.exec(when);
  if (!m?.[1]) throw new Error(`no viewItem regex in: ${when}`);
  return new RegExp(m[1]).test(value);
}

describe('manifest: Runs view menus show each action only where it applies', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { menus: Record<string, MenuEntry[]> };
  };
  const entries = (manifest.contributes.menus['view/item/context'] ?? []).filter((e) => e.when?.includes('view == personaStudio.runs') && e.when.includes('viewItem'));
  const of = (command: string): MenuEntry[] => entries.filter((e) => e.command === command);

  it('open results, open report and compare need a readable run, never a broken folder (runProblem)', () => {
    for (const command of ['personaStudio.runs.openResults', 'personaStudio.runs.openReport', 'personaStudio.runs.compare']) {
      assert.ok(of(command).length > 0, command);
      for (const e of of(command)) {
        assert.equal(matches(e.when!, PROBLEM), false, `${command} on ${PROBLEM}`);
        for (const v of RUN_VALUES) assert.equal(matches(e.when!, v), true, `${command} on ${v}`);
      }
    }
  });

  it('reveal and delete also serve a broken folder; delete is hidden while a run is going on', () => {
    for (const e of of('personaStudio.runs.reveal')) assert.equal(matches(e.when!, PROBLEM), true);
    for (const e of of('personaStudio.runs.delete')) {
      assert.equal(matches(e.when!, PROBLEM), true);
      assert.equal(matches(e.when!, 'run.analysed'), true);
      assert.equal(matches(e.when!, 'run.running'), false);
    }
  });

  it('resume shows only on a resumable run, cancel only on a running one', () => {
    for (const e of of('personaStudio.runs.resume')) for (const v of [...RUN_VALUES, PROBLEM]) assert.equal(matches(e.when!, v), v.endsWith('.resumable'), v);
    for (const e of of('personaStudio.runs.cancel')) for (const v of [...RUN_VALUES, PROBLEM]) assert.equal(matches(e.when!, v), v.endsWith('.running'), v);
  });
});
