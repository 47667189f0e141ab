import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/core/runStore/canonicalJson';
import { JournalWriter } from '../../../src/core/runStore/journalWriter';
import { readJournal, type JournalReadStats } from '../../../src/core/runStore/readJournal';
import { requestKey } from '../../../src/core/runStore/requestKey';
import { ResponseCache } from '../../../src/core/runStore/responseCache';
import { loadResumeState } from '../../../src/core/runStore/resumeState';
import { readManifest, writeManifest } from '../../../src/core/runStore/runManifest';
import type { LlmResponse } from '../../../src/core/llm/llmResponse';
import type { ChatRequest } from '../../../src/core/llm/llmRequest';
import { runRequests } from '../../../src/core/llm/runRequests';
import { letterPlan, tempDir } from '../llm/helpers';

const answer = (text: string): LlmResponse => ({ model: 'm', choices: [{ index: 0, text, finishReason: 'stop' }] });
const at = '2026-01-01T00:00:00.000Z';

describe('runStore: request keys', () => {
  const base: ChatRequest = { kind: 'chat', model: 'm', messages: [{ role: 'user', content: 'hi' }], params: { temperature: 1, max_tokens: 5 } };
  it('ignores key order but covers model, messages, every parameter and the sample index', () => {
    const reordered: ChatRequest = { ...base, params: { max_tokens: 5, temperature: 1 } };
    assert.equal(requestKey(base, 0), requestKey(reordered, 0));
    const variants: ChatRequest[] = [
      { ...base, model: 'm2' },
      { ...base, messages: [{ role: 'user', content: 'hi!' }] },
      { ...base, messages: [{ role: 'system', content: 'hi' }] },
      { ...base, params: { ...base.params, temperature: 0.9 } },
      { ...base, params: { ...base.params, seed: 1 } },
      { ...base, params: { ...base.params, extra: { structured_outputs: { choice: ['A'] } } } },
    ];
    const keys = new Set([requestKey(base, 0), requestKey(base, 1), ...variants.map((v) => requestKey(v, 0))]);
    assert.equal(keys.size, 2 + variants.length, 'repeated samples and every change give distinct keys');
  });

  it('scopes keys by who answers, and an empty scope keeps the unscoped key', () => {
    const a = requestKey(base, 0, 'http://gpu-1:8000/v1');
    const b = requestKey(base, 0, 'http://gpu-2:8000/v1');
    assert.notEqual(a, b, 'two servers serving the same model name never share answers');
    assert.notEqual(a, requestKey(base, 0));
    assert.equal(requestKey(base, 0, ''), requestKey(base, 0));
    assert.equal(a, requestKey(base, 0, 'http://gpu-1:8000/v1'));
  });
  it('canonical JSON is stable under key permutation', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        assert.equal(canonicalJson(obj), canonicalJson(reversed));
      }),
    );
  });
});

describe('runStore: journal', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir('ps-journal-')));
  afterEach(() => tmp.remove());

  it('tolerates a torn last line and keeps appending on a fresh line', async () => {
    const p = path.join(tmp.dir, 'journal.jsonl');
    const w = JournalWriter.open(p);
    w.append({ t: 'answer', id: 'a', key: 'k1', at, source: 'live', attempts: 1, response: answer('A') });
    w.append({ t: 'failure', id: 'b', key: 'k2', at, reason: 'bad-request', message: 'x', attempts: 1 });
    w.close();
    fs.appendFileSync(p, '{"t":"answer","id":"c","key":"k3","respo'); // a crash in the middle of a write
    const stats: JournalReadStats = { lines: 0, skipped: 0 };
    const state1 = await loadResumeState(p);
    assert.deepEqual([...state1.answered], ['a']);
    assert.equal(state1.failed.get('b'), 'bad-request');
    assert.equal(state1.stats.skipped, 1);
    const w2 = JournalWriter.open(p);
    w2.append({ t: 'answer', id: 'b', key: 'k2', at, source: 'live', attempts: 2, response: answer('B') });
    w2.close();
    const ids: string[] = [];
    for await (const r of readJournal(p, stats)) if (r.t === 'answer') ids.push(r.id);
    assert.deepEqual(ids, ['a', 'b']);
    assert.equal(stats.skipped, 1, 'only the torn line is lost');
    const state2 = await loadResumeState(p);
    assert.deepEqual([...state2.answered].sort(), ['a', 'b']);
    assert.equal(state2.failed.size, 0, 'a later answer clears a failure');
  });

  it('reads a missing journal as empty', async () => {
    const s = await loadResumeState(path.join(tmp.dir, 'none.jsonl'));
    assert.equal(s.answered.size, 0);
  });

  it('writes the manifest atomically and reads it back', async () => {
    const p = path.join(tmp.dir, 'manifest.json');
    assert.equal(await readManifest(p), undefined);
    const m = { version: 1 as const, createdAt: at, specHash: 'h', endpoint: { name: 'e', baseUrl: 'http://x/v1', model: 'm' }, params: { temperature: 1 }, seeds: { s: 1 }, versions: { node: process.version }, batches: [] };
    await writeManifest(p, m);
    assert.deepEqual(await readManifest(p), m);
    assert.deepEqual(fs.readdirSync(tmp.dir), ['manifest.json'], 'no temporary file left behind');
  });
});

describe('runStore: cache', function () {
  this.timeout(20_000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir('ps-cache-')));
  afterEach(() => tmp.remove());

  it('stores and finds answers by key; a damaged entry is a miss', async () => {
    const cache = new ResponseCache(tmp.dir);
    const key = 'ab'.repeat(32);
    assert.equal(await cache.get(key), undefined);
    await cache.put(key, answer('A'));
    assert.deepEqual(await cache.get(key), answer('A'));
    const bucket = path.join(tmp.dir, 'aba.jsonl');
    fs.writeFileSync(bucket, `\n${key}\t{"model":"m","choi\n`); // torn by a crash, then a newline
    assert.equal(await cache.get(key), undefined);
    fs.appendFileSync(bucket, `\n${key}\t{"model":"m","cho`); // torn last line
    assert.equal(await cache.get(key), undefined);
    await cache.put(key, answer('B'));
    assert.deepEqual(await cache.get(key), answer('B'), 'a torn line does not spoil the next entry');
    const other = 'ab'.repeat(31) + 'cd';
    assert.equal(await cache.get(other), undefined, 'same bucket, other key');
    await assert.rejects(cache.get('../../etc/passwd'), TypeError);
  });

  it('is safe under concurrent writers in several processes', async () => {
    const script = `
      require('tsx/cjs/api').register();
      const { ResponseCache } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/runStore/responseCache.ts'))});
      const cache = new ResponseCache(process.argv[1]);
      const jobs = [];
      for (let i = 0; i < 300; i++) {
        const key = require('node:crypto').createHash('sha256').update(String(i % 100)).digest('hex');
        jobs.push(cache.put(key, { model: 'm', choices: [{ index: 0, text: 'x'.repeat(2000) + (i % 100), finishReason: 'stop' }] }));
      }
      Promise.all(jobs).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
    `;
    const { spawn } = await import('node:child_process');
    const runs = Array.from({ length: 3 }, () => new Promise<number | null>((resolve) => spawn(process.execPath, ['-e', script, tmp.dir], { stdio: 'inherit' }).on('exit', resolve)));
    assert.deepEqual(await Promise.all(runs), [0, 0, 0]);
    const cache = new ResponseCache(tmp.dir);
    const { createHash } = await import('node:crypto');
    for (let i = 0; i < 100; i++) {
      const got = await cache.get(createHash('sha256').update(String(i)).digest('hex'));
      assert.equal(got?.choices[0]?.text, 'x'.repeat(2000) + i);
    }
    const leftovers = spawnSync('find', [tmp.dir, '-name', '*.tmp']).stdout.toString().trim();
    assert.equal(leftovers, '');
  });
});

describe('runStore: request key material', () => {
  it('is exactly the canonical JSON of the request fields (the fast path agrees with canonicalJson)', async () => {
    const { createHash } = await import('node:crypto');
    const r: ChatRequest = { kind: 'chat', model: 'm"x', messages: [{ role: 'user', content: 'a\n"b"\u2028' }, { role: 'assistant', content: '' }], params: { temperature: 1, stop: ['\n'], extra: { z: 1, a: [2] } } };
    const material = canonicalJson({ v: 1, kind: r.kind, model: r.model, messages: r.messages, params: r.params, sample: 3 });
    assert.equal(requestKey(r, 3), createHash('sha256').update(material).digest('hex'));
    const c = { kind: 'completion' as const, model: 'b', prompt: 'Q: x\nA:', params: { logprobs: true, top_logprobs: 5 } };
    assert.equal(requestKey(c, 0), createHash('sha256').update(canonicalJson({ v: 1, kind: c.kind, model: c.model, prompt: c.prompt, params: c.params, sample: 0 })).digest('hex'));
  });
});

describe('runStore: replaying cached answers into a journal', () => {
  it('writes the same answer records as the live run, marked as from the cache', async () => {
    const tmp = tempDir('ps-replay-');
    try {
      let n = 0;
      const client = {
        complete: async () => ({ model: 'm', choices: [{ index: 0, text: `A${n++} "quoted" é`, finishReason: 'stop' as const, logprobs: [{ token: 'A', logprob: -0.5, top: [{ token: 'A', logprob: -0.5 }] }] }] }),
        listModels: async () => [],
      };
      const cache = new ResponseCache(path.join(tmp.dir, 'cache'));
      const live = JournalWriter.open(path.join(tmp.dir, 'live.jsonl'));
      await runRequests({ client, cache, journal: live, requests: letterPlan(20) });
      live.close();
      const replay = JournalWriter.open(path.join(tmp.dir, 'replay.jsonl'));
      const s = await runRequests({ client, cache, journal: replay, requests: letterPlan(20) });
      replay.close();
      assert.equal(s.cached, 20);
      const read = async (name: string) => {
        const out = new Map<string, unknown>();
        for await (const r of readJournal(path.join(tmp.dir, name))) if (r.t === 'answer') out.set(r.id, { response: r.response, request: r.request, key: r.key, source: r.source });
        return out;
      };
      const a = await read('live.jsonl');
      const b = await read('replay.jsonl');
      assert.equal(b.size, 20);
      for (const [id, rec] of a) assert.deepEqual({ ...(b.get(id) as object), source: 'live' }, rec);
    } finally {
      tmp.remove();
    }
  });
});
