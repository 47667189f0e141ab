import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliCaptured as cli } from './runCli.test';
import { studyFolder } from '../pipelines/studyFixture';

/** What a user may find in run.json after a crash, a bad merge or a stray editor save. */
const corrupt: Record<string, string> = { empty: '', garbage: 'xx\n', null: 'null', array: '[]', object: '{}', noSurvey: '{"schema":"persona-studio/run@1"}' };

describe('cli: a corrupt run.json is one line naming the file, exit 2, nothing rewritten', function () {
  this.timeout(60_000);
  for (const [name, text] of Object.entries(corrupt)) {
    it(`run.json ${name}: simulate --run-dir, analyze and report`, async () => {
      const s = studyFolder({ humans: 10 });
      try {
        const run = path.join(s.dir, 'r1');
        fs.mkdirSync(run);
        const file = path.join(run, 'run.json');
        fs.writeFileSync(file, text);
        // the endpoint is never contacted: the run folder is read before anything is sent (port 9 is discard)
        for (const args of [['simulate', s.survey, '--run-dir', 'r1', '--endpoint', 'http://127.0.0.1:9/v1', '--yes'], ['analyze', 'r1'], ['report', 'r1']]) {
          const r = await cli(args, s.dir);
          assert.equal(r.code, 2, `${args[0]!}: ${r.err}`);
          assert.equal(r.err.trim().split('\n').length, 1, `${args[0]!}: ${r.err}`);
          assert.ok(r.err.includes(file), `${args[0]!} names the file: ${r.err}`);
          assert.doesNotMatch(r.err, /unexpected error|has no run\.json|\n\s+at /);
          assert.equal(fs.readFileSync(file, 'utf8'), text, `${args[0]!} left run.json as it was`);
          assert.deepEqual(fs.readdirSync(run), ['run.json']);
        }
      } finally {
        s.remove();
      }
    });
  }
});
