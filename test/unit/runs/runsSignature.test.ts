import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runsSignature } from '../../../src/core/runs/runsSignature';

describe('runsSignature (the runs view polls it besides its file watcher)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'ps-runs-sig-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('changes when a run appears or rewrites run.json, not when its journal grows', async () => {
    const spec = path.join(dir, 'bfi.survey.yaml');
    const s0 = await runsSignature([spec]);
    const run = path.join(dir, 'runs', 'bfi', '20261201-090000-uniform');
    mkdirSync(run, { recursive: true });
    const s1 = await runsSignature([spec]);
    assert.notEqual(s1, s0, 'a run folder appeared');
    writeFileSync(path.join(run, 'run.json'), '{"status":"running"}');
    const s2 = await runsSignature([spec]);
    assert.notEqual(s2, s1, 'its run.json was written');
    writeFileSync(path.join(run, 'journal.jsonl'), '{}\n');
    assert.equal(await runsSignature([spec]), s2, 'the journal is not part of the signature');
    writeFileSync(path.join(run, 'run.json'), '{"status":"done","summary":{}}');
    assert.notEqual(await runsSignature([spec]), s2, 'run.json rewritten');
  });
});
