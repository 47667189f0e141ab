import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromWireBody } from '../../../src/core/llm/fromWireBody';
import { readJournal } from '../../../src/core/runStore/readJournal';
import { requestKey } from '../../../src/core/runStore/requestKey';
import { simulateStudy } from '../../../src/core/pipelines/study/runStudy';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { serverOptions, studyFolder } from './studyFixture';

const child = path.join(__dirname, 'fixtures', 'cliChild.ts');
const CONSISTENCY = 'Please answer the following question keeping in mind your previous answers.';
const HUMANS = 200;
const COUNT = 220;

function simulate(url: string, survey: string, runDir: string): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', child, 'simulate', survey, '--endpoint', url, '--run-dir', runDir, '--count', String(COUNT), '--max-concurrency', '16', '--yes', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('pipelines: a simulate killed with SIGKILL resumes to the same answers and re-sends nothing answered', function () {
  this.timeout(900_000);
  let server: OpenAiTestServer;
  before(async () => {
    server = await startOpenAiTestServer({ plausible: true, logBodies: true });
  });
  after(async () => server.close());

  it(`kills \`persona-studio simulate\` (${HUMANS} personas × 25 questions) in the simulation stage, re-runs the same command, and matches an uninterrupted run`, async () => {
    const reference = studyFolder({ humans: HUMANS });
    const killed = studyFolder({ humans: HUMANS });
    try {
      const uninterrupted = await simulateStudy(reference.survey, serverOptions(server, 'live', { count: COUNT }));
      const startAt = server.log.length;
      const runDir = path.join(killed.dir, 'run');
      const first = simulate(server.url, killed.survey, runDir);
      let firstErr = '';
      first.stderr!.on('data', (d: Buffer) => (firstErr += d.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => first.on('exit', (_c, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          const simulated = server.log.slice(startAt).filter((e) => e.body?.includes(CONSISTENCY)).length;
          if (simulated >= HUMANS * 25 * 0.4) {
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
      await new Promise((r) => setTimeout(r, 100));
      const killedAt = server.log.length;
      const journal = path.join(runDir, 'journal.jsonl');
      const answeredKeys = new Set<string>();
      for await (const r of readJournal(journal)) if (r.t === 'answer') answeredKeys.add(r.key);
      assert.ok(answeredKeys.size > 1000, `answers journalled before the kill: ${answeredKeys.size}`);
      const record = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { status: string };
      assert.equal(record.status, 'running', 'a killed run is left as running');

      const second = simulate(server.url, killed.survey, runDir);
      let out = '';
      let err = '';
      second.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      second.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => second.on('exit', (c) => resolve(c)));
      assert.equal(code, 0, err);
      assert.match(err, /resuming/);
      const result = JSON.parse(out) as { answers: string; totals: { answered: number } };

      // the same final answers as the uninterrupted run with the same seeds
      assert.equal(fs.readFileSync(result.answers, 'utf8'), fs.readFileSync(uninterrupted.answersPath, 'utf8'));
      // no request with an answer in the journal was sent again
      const scope = `${server.url}/v1`;
      let resentAfterKill = 0;
      for (const entry of server.log.slice(killedAt)) {
        if (!entry.body || !entry.path.endsWith('completions')) continue;
        const key = requestKey(fromWireBody(JSON.parse(entry.body) as Record<string, unknown>, entry.path), 0, scope);
        assert.ok(!answeredKeys.has(key), `a request answered in the journal was sent again: ${entry.body.slice(0, 120)}`);
        resentAfterKill++;
      }
      assert.ok(resentAfterKill > 0, 'the second run did send the rest');
      assert.equal((JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { status: string }).status, 'done');
    } finally {
      reference.remove();
      killed.remove();
    }
  });
});
