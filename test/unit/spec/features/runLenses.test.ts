import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { specSchemas } from '../../../../src/core/spec/defaultSpecService';
import { runLenses } from '../../../../src/core/spec/features/runLenses';
import { createSpecService } from '../../../../src/core/spec/specService';
import { formatDuration, RunProgress } from '../../../../src/extension/runs/runProgress';
import { memoryFileSystem } from '../../../helpers/memoryFileSystem';

const examples = path.join(__dirname, '..', '..', '..', '..', 'examples');
const service = createSpecService({ schemas: specSchemas, files: memoryFileSystem({}) });
const parse = (rel: string) => {
  const file = path.join(examples, rel);
  const text = readFileSync(file, 'utf8');
  return { spec: service.parse(text, file)!, firstKeyLine: text.split('\n').findIndex((l) => l.startsWith('name:')) };
};

describe('run lenses (data)', () => {
  it('survey spec: Run simulation, Run baselines, Estimate on the first key; Resume only with an unfinished run', () => {
    const { spec, firstKeyLine } = parse('bfi/bfi.survey.yaml');
    assert.deepEqual(runLenses(spec, {}).map((l) => l.action), ['simulate', 'baselines', 'estimate']);
    const withResume = runLenses(spec, { unfinishedRunId: '20261201-120000-anthology' });
    assert.deepEqual(withResume.map((l) => l.title), ['Run simulation', 'Run baselines', 'Estimate', 'Resume 20261201-120000-anthology']);
    for (const l of withResume) assert.equal(l.range.start.line, firstKeyLine);
  });

  it('persona spec: Generate backstories and Estimate; Review backstories (N) once the file holds N', () => {
    const { spec } = parse('personas/us-adults.persona.yaml');
    assert.deepEqual(runLenses(spec, {}).map((l) => l.action), ['generate', 'estimate']);
    assert.equal(runLenses(spec, { backstories: 1234 })[2]!.title, 'Review backstories (1,234)');
    assert.equal(runLenses(spec, { backstories: 1234, excluded: 3 })[2]!.title, 'Review backstories (1,234 · 3 excluded)');
  });

  it('persona spec of a method without backstories (meta, ladder rungs, import): Generate personas', () => {
    for (const rel of ['ladder/ladder-meta.persona.yaml', 'ladder/ladder-descriptive.persona.yaml']) {
      const { spec } = parse(rel);
      assert.deepEqual(runLenses(spec, {}).map((l) => [l.action, l.title]).slice(0, 1), [['generate', 'Generate personas']], rel);
    }
    assert.equal(runLenses(parse('personas/us-adults.persona.yaml').spec, {})[0]!.title, 'Generate backstories');
  });

  it('while a run goes: its live count and Cancel instead of the run actions', () => {
    const { spec } = parse('bfi/bfi.survey.yaml');
    const lenses = runLenses(spec, { live: { done: 120, total: 500, unit: 'answers' }, unfinishedRunId: 'x' });
    assert.deepEqual(lenses.map((l) => l.action), ['progress', 'cancel']);
    assert.match(lenses[0]!.title, /Running 120\/500 answers…$/);
    // a stage without a count (baselines) says it runs, never "0/0 units"
    assert.match(runLenses(spec, { live: { done: 0, total: 0, unit: 'units' } })[0]!.title, /Running…$/);
  });
});

describe('run progress: rate and ETA', () => {
  it('computes the rate over the stage and the ETA of what is left (hand computation in the comments)', () => {
    let t = 0;
    const p = new RunProgress(() => t);
    assert.equal(p.update({ stage: 'simulation', unit: 'answers', done: 0, total: 500 }).increment, 0);
    t = 10_000; // 120 answers in 10 s → 12.0/s; 380 left / 12 per s = 31.67 s → "32 s"
    const r = p.update({ stage: 'simulation', unit: 'answers', done: 120, total: 500 });
    assert.equal(r.message, 'simulation: 120/500 answers · 12.0/s · ETA 32 s');
    assert.ok(Math.abs(r.increment - 24) < 1e-9, '120/500 = 24 % of the bar');
  });

  it('formats durations', () => {
    assert.equal(formatDuration(59.4), '59 s');
    assert.equal(formatDuration(200), '3 min 20 s');
    assert.equal(formatDuration(7500), '2 h 05 min');
  });
});
