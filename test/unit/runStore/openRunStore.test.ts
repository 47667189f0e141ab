import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openRunStore, RunStoreError } from '../../../src/core/runStore/openRunStore';
import { tempDir } from '../llm/helpers';

const manifest = { specHash: 'spec-1', endpoint: { name: 'local', baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' }, params: { temperature: 1 }, seeds: { order: 3 }, versions: { personaStudio: '0.1.0' } };
const at = '2026-01-01T00:00:00.000Z';

describe('runStore: run folders', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir('ps-run-')));
  afterEach(() => tmp.remove());

  it('creates a run, then resumes it with what the journal holds', async () => {
    const a = await openRunStore(tmp.dir, { manifest });
    assert.equal(a.resumed, false);
    a.journal.append({ t: 'answer', id: 'x', key: 'k', at, source: 'live', attempts: 1, response: { model: 'm', choices: [] } });
    a.close();
    const b = await openRunStore(tmp.dir, { manifest });
    assert.equal(b.resumed, true);
    assert.deepEqual([...b.resume.answered], ['x']);
    assert.equal(b.manifest.seeds.order, 3);
    b.close();
  });

  it('refuses a second writer and another spec, and takes over a lock left by a dead process', async () => {
    const a = await openRunStore(tmp.dir, { manifest });
    await assert.rejects(openRunStore(tmp.dir, { manifest }).then((s) => s.close()), (e: unknown) => RunStoreError.is(e) && e.reason === 'in-use');
    a.close();
    await assert.rejects(openRunStore(tmp.dir, { manifest: { ...manifest, specHash: 'spec-2' } }), (e: unknown) => RunStoreError.is(e) && e.reason === 'mismatch');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(tmp.dir, 'run.lock'), dead);
    const c = await openRunStore(tmp.dir, { manifest });
    c.close();
  });
});
