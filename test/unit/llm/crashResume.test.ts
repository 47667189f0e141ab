import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { loadResumeState } from '../../../src/core/runStore/resumeState';
import { readJournal } from '../../../src/core/runStore/readJournal';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { tempDir } from './helpers';

const child = path.join(__dirname, 'fixtures', 'engineChild.ts');
const COUNT = 20_000;
const CONCURRENCY = 32;

function spawnEngine(url: string, dir: string): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', child, url, dir, String(COUNT), String(CONCURRENCY)], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function idOf(body: string | undefined): string {
  const m = /persona number (\d+)\./.exec(body ?? '');
  assert.ok(m, 'request body names its persona');
  return `p${m[1]!}`;
}

describe('llm: a run killed with SIGKILL resumes without losing or re-sending answers', function () {
  this.timeout(120_000);
  let server: OpenAiTestServer;
  let tmp: ReturnType<typeof tempDir>;
  before(async () => {
    server = await startOpenAiTestServer({ logBodies: true, faults: { rateLimit: 0.01, retryAfterMs: 2, serverError: 0.01 } });
    tmp = tempDir('ps-crash-');
  });
  after(async () => {
    await server.close();
    tmp.remove();
  });

  it(`kills a ${COUNT}-request run mid-way, resumes it, and every answer arrives exactly once`, async () => {
    const first = spawnEngine(server.url, tmp.dir);
    let firstErr = '';
    first.stderr!.on('data', (d: Buffer) => (firstErr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => first.on('exit', (_code, signal) => resolve(signal)));
    // kill once a good share of the run has reached the server
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (server.log.length >= COUNT * 0.3) {
          clearInterval(timer);
          first.kill('SIGKILL');
          resolve();
        }
      }, 5);
      first.on('exit', () => {
        clearInterval(timer);
        reject(new Error(`the first run ended before it was killed: ${firstErr}`));
      });
    });
    assert.equal(await exited, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100)); // let requests already on the wire land in the log
    const killedAt = server.log.length;
    assert.ok(killedAt < COUNT, 'killed before the end');

    const journalPath = path.join(tmp.dir, 'journal.jsonl');
    const before = await loadResumeState(journalPath);
    assert.ok(before.answered.size > 1000, `answers journalled before the kill: ${before.answered.size}`);
    assert.ok(before.stats.skipped <= 1, 'at most the torn last line is skipped');

    const second = spawnEngine(server.url, tmp.dir);
    let out = '';
    let err = '';
    second.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    second.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => second.on('exit', (c) => resolve(c)));
    assert.equal(code, 0, err);
    const result = JSON.parse(out) as { summary: { skipped: number; answered: number; failed: number; total: number }; resumedFrom: number };
    assert.equal(result.summary.total, COUNT);
    assert.equal(result.summary.skipped, before.answered.size);
    assert.equal(result.summary.failed, 0);

    // no request whose answer was in the journal was sent again
    const okBefore = new Set<string>();
    const sentBefore = new Set<string>();
    for (const entry of server.log.slice(0, killedAt)) {
      sentBefore.add(idOf(entry.body));
      if (entry.outcome === 'ok') okBefore.add(idOf(entry.body));
    }
    const resent = new Set<string>();
    for (const entry of server.log.slice(killedAt)) {
      const id = idOf(entry.body);
      assert.ok(!before.answered.has(id), `${id} was answered in the journal but sent again`);
      if (okBefore.has(id)) resent.add(id);
    }
    // only answers still in flight at the kill (answered by the server, not yet journalled) may repeat
    assert.ok(resent.size <= CONCURRENCY, `re-sent after an answer: ${resent.size}`);

    // nothing lost: every planned request has an answer in the journal, and only one
    const after = await loadResumeState(journalPath);
    assert.equal(after.answered.size, COUNT);
    const answers = new Map<string, number>();
    for await (const r of readJournal(journalPath)) if (r.t === 'answer') answers.set(r.id, (answers.get(r.id) ?? 0) + 1);
    assert.equal(answers.size, COUNT);
    for (const [id, n] of answers) assert.equal(n, 1, `${id} answered ${n} times in the journal`);
    const okTotal = server.log.filter((l) => l.outcome === 'ok').length;
    assert.equal(okTotal, COUNT + resent.size, 'the server answered each request once, plus the in-flight repeats');
  });
});
