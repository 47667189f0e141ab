import assert from 'node:assert/strict';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import { runBatch } from '../../../src/core/llm/batch/runBatch';
import { JournalWriter } from '../../../src/core/runStore/journalWriter';
import { loadResumeState } from '../../../src/core/runStore/resumeState';
import { readManifest, writeManifest, type RunManifest } from '../../../src/core/runStore/runManifest';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { letterPlan, tempDir } from './helpers';

/** The batch ids a server was asked about (GET /batches/<id>, POST /batches/<id>/cancel). */
const polledIds = (s: OpenAiTestServer): string[] => s.log.map((l) => /^\/batches\/([^/]+)/.exec(l.path)?.[1]).filter((id): id is string => id !== undefined);

describe('llm batch: a run folder shared by two endpoints (the study\'s and the locator\'s)', function () {
  this.timeout(30_000);
  let main: OpenAiTestServer;
  let locator: OpenAiTestServer;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    tmp = tempDir('ps-batch-scopes-');
    main = await startOpenAiTestServer({ batchPolls: 3 });
    locator = await startOpenAiTestServer({ batchPolls: 3 });
  });
  afterEach(async () => {
    await main.close();
    await locator.close();
    tmp.remove();
  });

  for (const legacy of [false, true]) {
    it(`an interrupted batch run resumed polls each server only for its own batch ids${legacy ? ' (main batches recorded without a scope, as older manifests hold them)' : ''}`, async () => {
      const manifestPath = path.join(tmp.dir, 'manifest.json');
      const manifest: RunManifest = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', specHash: 'abc', endpoint: { name: 'study', baseUrl: main.url, model: 'test-model' }, params: {}, seeds: {}, versions: {}, batches: [] };
      await writeManifest(manifestPath, manifest);
      const mainClient = new OpenAiLlmClient({ baseUrl: main.url });
      const locatorClient = new OpenAiLlmClient({ baseUrl: locator.url });
      // both servers number their objects from 1: one extra upload makes the main server's batch ids differ from
      // the locator's, so a batch polled through the wrong client is a 404, not another batch of the same id
      await mainClient.uploadBatchFile('offset.jsonl', '{}\n');
      const mainPlan = letterPlan(40);
      const locatorPlan = letterPlan(30).map((p) => ({ ...p, id: `loc-${p.id}` }));
      const journalPath = path.join(tmp.dir, 'journal.jsonl');
      // 1. each endpoint submits its batch, then the run is cancelled before either is merged
      for (const [client, plan, scope] of [[mainClient, mainPlan, main.url], [locatorClient, locatorPlan, locator.url]] as const) {
        const controller = new AbortController();
        const journal = JournalWriter.open(journalPath);
        const r = await runBatch({ backend: client, requests: plan, manifestPath, journal, cacheScope: scope, pollIntervalMs: 5, signal: controller.signal, onStatus: () => controller.abort() });
        journal.close();
        assert.equal(r.wasCancelled, true);
      }
      const interrupted = (await readManifest(manifestPath))!;
      assert.equal(interrupted.batches.length, 2);
      assert.ok(interrupted.batches.every((b) => !b.merged));
      assert.deepEqual(interrupted.batches.map((b) => b.scope), [main.url, locator.url]);
      if (legacy) {
        const { scope: _scope, ...withoutScope } = interrupted.batches[0]!;
        await writeManifest(manifestPath, { ...interrupted, batches: [withoutScope, interrupted.batches[1]!] });
      }
      // 2. the resume: the locator's stage first (the order that polled the main batch through the locator client)
      for (const [client, plan, scope] of [[locatorClient, locatorPlan, locator.url], [mainClient, mainPlan, main.url]] as const) {
        const journal = JournalWriter.open(journalPath);
        const r = await runBatch({ backend: client, requests: plan, manifestPath, journal, cacheScope: scope, pollIntervalMs: 5 });
        journal.close();
        assert.equal(r.unanswered, 0);
        assert.equal(r.batchesSubmitted, 0, 'the batch from before the interruption was finished, not resubmitted');
      }
      for (const server of [main, locator]) {
        const own = new Set(server.batches.keys());
        assert.equal(own.size, 1);
        const polled = polledIds(server);
        assert.ok(polled.length > 0);
        assert.ok(polled.every((id) => own.has(id)), `${server.url} was asked only for its own batch: ${polled.join(', ')} vs ${[...own].join(', ')}`);
        assert.ok(!server.log.some((l) => l.outcome === 'not-found'), 'no request named something the server does not have');
      }
      assert.notDeepEqual([...main.batches.keys()], [...locator.batches.keys()]);
      assert.equal((await loadResumeState(journalPath)).answered.size, 70);
      assert.ok((await readManifest(manifestPath))!.batches.every((b) => b.merged && b.status === 'completed'));
    });
  }
});
