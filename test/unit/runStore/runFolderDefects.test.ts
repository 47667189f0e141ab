import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportBatchFiles } from '../../../src/core/llm/batch/exportBatchFiles';
import { openRunStore, RunStoreError } from '../../../src/core/runStore/openRunStore';
import { bootId, processStartTime } from '../../../src/core/runStore/runLock';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { runCliCaptured } from '../cli/runCli.test';
import { letterPlan, tempDir } from '../llm/helpers';

// Issue 7, item 6 "Crashes with a stack trace": a damaged run folder or plan gave "unexpected error" and a
// stack; each must be one line naming the file and what to do, exit 2, with nothing overwritten.

/** Every file under `dir` with its bytes (directories as markers), to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        out[`${p}/`] = '';
        walk(p);
      } else out[p] = fs.readFileSync(p, 'base64');
    }
  };
  walk(dir);
  return out;
}

function assertOneLine(err: string): void {
  assert.equal(err.trim().split('\n').length, 1, `one line: ${err}`);
  assert.ok(!/unexpected error|\n\s+at /.test(err), `no stack trace: ${err}`);
}

describe('runStore: damaged run folders and plans are bad input, not crashes', function () {
  this.timeout(20_000);
  let server: OpenAiTestServer;
  let tmp: ReturnType<typeof tempDir>;
  let input: string;
  let runDir: string;
  before(async () => (server = await startOpenAiTestServer({ models: ['gpt-4o-mini'] })));
  after(async () => server.close());
  beforeEach(async () => {
    tmp = tempDir('ps-damaged-');
    [input] = (await exportBatchFiles(letterPlan(6, 'gpt-4o-mini'), tmp.dir, 'plan')) as [string];
    runDir = path.join(tmp.dir, 'run');
    fs.mkdirSync(runDir);
  });
  afterEach(() => tmp.remove());
  const run = (extra: string[] = []): Promise<{ code: number; out: string; err: string }> =>
    runCliCaptured(['llm', 'run', '--input', input, '--endpoint', server.url, '--run-dir', runDir, ...extra]);

  for (const [name, content] of [
    ['empty', ''],
    ['garbage', 'garbage{'],
    ['null', 'null'],
    ['an empty object', '{}'],
    ['an array', '[]'],
    ['another version', '{"version": 7}'],
  ] as const) {
    it(`manifest.json that is ${name}: one line naming it, exit 2, nothing overwritten`, async () => {
      const manifest = path.join(runDir, 'manifest.json');
      fs.writeFileSync(manifest, content);
      const before = snapshot(tmp.dir);
      const sent = server.log.length;
      const r = await run();
      assert.equal(r.code, 2, r.err);
      assertOneLine(r.err);
      assert.ok(r.err.includes(manifest), r.err);
      assert.match(r.err, /--run-dir|move|delete/);
      assert.deepEqual(snapshot(tmp.dir), before);
      assert.equal(server.log.length, sent, 'nothing sent');
    });
  }

  it('journal.jsonl that is a directory: one line naming it, exit 2', async () => {
    fs.mkdirSync(path.join(runDir, 'journal.jsonl'));
    const before = snapshot(tmp.dir);
    const r = await run();
    assert.equal(r.code, 2, r.err);
    assertOneLine(r.err);
    assert.match(r.err, /journal\.jsonl is a directory/);
    assert.deepEqual(snapshot(tmp.dir), before);
  });

  it('a cache that is a file: one line naming it, exit 2', async () => {
    fs.writeFileSync(path.join(runDir, 'cache'), 'not a folder');
    const r = await run();
    assert.equal(r.code, 2, r.err);
    assertOneLine(r.err);
    assert.match(r.err, /cache is a file, not a folder/);
    assert.ok(!fs.existsSync(path.join(runDir, 'run.lock')), 'the lock is given back');
  });

  it('core: the same damage is a RunStoreError with reason "damaged"', async () => {
    fs.writeFileSync(path.join(runDir, 'manifest.json'), 'null');
    await assert.rejects(
      openRunStore(runDir, { manifest: { specHash: 's', endpoint: { name: 'n', baseUrl: 'http://x/v1', model: 'm' }, params: {}, seeds: {}, versions: {} } }),
      (e: unknown) => RunStoreError.is(e) && e.reason === 'damaged',
    );
  });

  for (const [name, line, pattern] of [
    ['a null line', 'null', /:3: .*JSON object/],
    ['method GET', '{"custom_id":"x","method":"GET","url":"/v1/chat/completions","body":{"model":"m","messages":[]}}', /:3: .*method GET.*POST/],
    ['an empty custom_id', '{"custom_id":"","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[]}}', /:3: .*custom_id/],
    ['an array line', '[1,2]', /:3: .*JSON object/],
    ['an unsupported url', '{"custom_id":"y","method":"POST","url":"/v1/embeddings","body":{"model":"m","input":"x"}}', /:3: .*\/v1\/embeddings/],
  ] as const) {
    it(`a plan with ${name}: one line naming the line, exit 2`, async () => {
      const lines = fs.readFileSync(input, 'utf8').split('\n').slice(0, 2);
      fs.writeFileSync(input, `${[...lines, line].join('\n')}\n`);
      const r = await runCliCaptured(['llm', 'estimate', '--input', input]);
      assert.equal(r.code, 2, r.err);
      assertOneLine(r.err);
      assert.match(r.err, pattern);
      assert.ok(r.err.includes(path.basename(input)));
    });
  }

  it('a plan that starts with a UTF-8 byte order mark is valid', async () => {
    fs.writeFileSync(input, `\uFEFF${fs.readFileSync(input, 'utf8')}`);
    const r = await runCliCaptured(['llm', 'estimate', '--input', input, '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as { calls: number }).calls, 6);
  });

  it('a lock holding a live but unrelated process (pid reused after a reboot) does not block a resume', async () => {
    // the pid is alive (this very process), but the lock was written in another boot by another process
    const lock = path.join(runDir, 'run.lock');
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), bootId: 'a-boot-long-ago', startTime: 1 }));
    const r = await run();
    assert.equal(r.code, 0, r.err);
    assert.ok(!fs.existsSync(lock));
    if (process.platform === 'linux') {
      // same boot, live pid, but another start time: the pid was reused
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), bootId: bootId(), startTime: (processStartTime(process.pid) ?? 0) + 12345 }));
      const again = await run();
      assert.equal(again.code, 0, again.err);
      // and the real holder (same boot, same start time) is respected
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), bootId: bootId(), startTime: processStartTime(process.pid) }));
      const held = await run();
      assert.equal(held.code, 2);
      assert.match(held.err, /is open in process/);
      fs.rmSync(lock);
    }
  });

  it('an old lock holding only the pid of a process started after the lock was written is taken over', async function () {
    if (process.platform !== 'linux') this.skip(); // process start times come from /proc
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      const lock = path.join(runDir, 'run.lock');
      fs.writeFileSync(lock, String(child.pid));
      const hourAgo = new Date(Date.now() - 3_600_000);
      fs.utimesSync(lock, hourAgo, hourAgo);
      const r = await run();
      assert.equal(r.code, 0, r.err);
    } finally {
      child.kill();
    }
  });

  it('a lock held by a live run still refuses a second writer, saying what to do', async () => {
    const store = await openRunStore(runDir, { manifest: { specHash: 's', endpoint: { name: 'n', baseUrl: 'http://x/v1', model: 'm' }, params: {}, seeds: {}, versions: {} } });
    try {
      const r = await run();
      assert.equal(r.code, 2);
      assertOneLine(r.err);
      assert.match(r.err, new RegExp(`process ${process.pid}`));
      assert.match(r.err, /run\.lock/);
    } finally {
      store.close();
    }
  });

  it('after a resume, progress counts what was already done', async () => {
    const [plan40] = (await exportBatchFiles(letterPlan(40, 'gpt-4o-mini'), path.join(tmp.dir, 'big'), 'plan')) as [string];
    const flaky = await startOpenAiTestServer({ models: ['gpt-4o-mini'], faults: { badRequest: 0.3 } });
    try {
      const args = ['llm', 'run', '--input', plan40, '--endpoint', flaky.url, '--run-dir', runDir];
      const first = JSON.parse((await runCliCaptured([...args, '--json'])).out) as { answered: number; failed: number };
      assert.ok(first.answered > 0 && first.failed > 0, 'some answered, some left for the resume');
      flaky.options.faults = {};
      const second = await runCliCaptured(args);
      assert.equal(second.code, 0, second.err);
      assert.match(second.err, new RegExp(`resuming: ${first.answered} answered already`));
      const counts = [...second.err.matchAll(/^\s+(\d+)\/40 answered/gm)].map((m) => Number(m[1]));
      assert.ok(counts.length > 0, second.err);
      assert.ok(counts.every((c) => c >= first.answered), `progress lines count from ${first.answered}: ${counts.join(', ')}`);
      assert.match(second.out, new RegExp(`^${first.failed} answered, 0 from cache, ${first.answered} already done, 0 failed, 0 retries`));
    } finally {
      await flaky.close();
    }
  });
});
