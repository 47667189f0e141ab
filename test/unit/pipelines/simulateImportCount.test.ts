// `simulate --count N` of an `import` persona spec: the set is streamed to the personas file once (as generate does)
// and only its first N personas are read back and asked; the run records exactly those. Without --count (and without
// import.limit) every imported persona is held in memory and asked (README, "Persona methods").
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MethodPersonaRecord } from '../../../src/core/pipelines/personaMethods/methodPersona';
import { PipelineError } from '../../../src/core/pipelines/shared/pipelineError';
import { METHOD_PERSONAS_FILE, simulateStudy } from '../../../src/core/pipelines/study/runStudy';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { readCsv, readJsonl, serverOptions } from './studyFixture';

const examples = path.join(__dirname, '..', '..', '..', 'examples');

describe('simulate --count of an imported persona set: only the first N read and asked', function () {
  this.timeout(120_000);
  let server: OpenAiTestServer;
  let root: string;
  let dir: string;
  before(async () => {
    server = await startOpenAiTestServer({ plausible: true });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-import-count-'));
    dir = path.join(root, 'ladder');
    fs.cpSync(path.join(examples, 'ladder'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}runs`) && !src.endsWith('.personas.jsonl') });
    fs.cpSync(path.join(examples, 'election'), path.join(root, 'election'), { recursive: true });
    // 50 rows; row 3 has an empty text (a failure record, never asked)
    const rows = Array.from({ length: 50 }, (_, i) => JSON.stringify({ uuid: `p${i}`, state: 'Ohio', bio: i === 2 ? '' : `I am person ${i}.` }));
    fs.writeFileSync(path.join(dir, 'people.jsonl'), `${rows.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'people.persona.yaml'), 'name: people\nmethod: import\nimport:\n  file: people.jsonl\n  id: uuid\n  text: bio\n  demographics: { STATE_NAME: state }\n');
  });
  after(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('no personas file yet: the whole set is written to it, the first 5 personas are asked; with the file there, the same 5', async () => {
    const survey = path.join(dir, 'election-2020.survey.yaml');
    const spec = path.join(dir, 'people.persona.yaml');
    const file = path.join(dir, 'people.personas.jsonl');
    const messages: string[] = [];
    const r = await simulateStudy(survey, serverOptions(server, 'live', { personas: spec, count: 5, analyze: false, onMessage: (m) => messages.push(m) }));
    // expected by construction: rows p0..p5 in file order, p2 without text (a failure record named by its row, row3, not asked)
    assert.deepEqual(readCsv(r.answersPath).slice(1).map((row) => row[0]), ['p0', 'p1', 'p3', 'p4', 'p5']);
    assert.deepEqual(readJsonl<MethodPersonaRecord>(path.join(r.runDir, METHOD_PERSONAS_FILE)).map((p) => p.id), ['p0', 'p1', 'row3', 'p3', 'p4', 'p5']);
    assert.equal(r.methodPersonas?.existing, false);
    assert.equal(readJsonl<MethodPersonaRecord>(file).length, 50, 'the personas file holds the whole set, for generate and later runs');
    assert.ok(messages.includes('personas: made 49 in people.personas.jsonl (1 failed); --count 5: the first 5 are used'), messages.join('\n'));
    const again = await simulateStudy(survey, { ...serverOptions(server, 'live', { personas: spec, count: 5, analyze: false }), runDir: path.join(dir, 'runs', 'again') });
    assert.equal(again.methodPersonas?.existing, true);
    assert.deepEqual(readCsv(again.answersPath).slice(1).map((row) => row[0]), ['p0', 'p1', 'p3', 'p4', 'p5']);
    // a file made with other import settings is refused, never used in their place
    fs.writeFileSync(spec, fs.readFileSync(spec, 'utf8').replace('text: bio', 'text: bio\n  limit: 10'));
    await assert.rejects(simulateStudy(survey, { ...serverOptions(server, 'live', { personas: spec, count: 5, analyze: false }), runDir: path.join(dir, 'runs', 'stale') }), (e: unknown) => PipelineError.is(e, 'config') && /was made with other settings/.test(e.message));
  });
});
