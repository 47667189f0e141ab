import assert from 'node:assert/strict';
import { ReferenceIndex } from '../../../src/core/spec/referenceIndex';

describe('ReferenceIndex (which spec reads which file)', () => {
  it('reports files to start and stop watching, shared files once', () => {
    const index = new ReferenceIndex();
    assert.deepEqual(index.set('a.survey.yaml', ['bfi.csv', 'p.persona.yaml']), { added: ['bfi.csv', 'p.persona.yaml'], removed: [] });
    assert.deepEqual(index.set('b.survey.yaml', ['bfi.csv']), { added: [], removed: [] });
    assert.deepEqual(index.specsReferencing('bfi.csv').sort(), ['a.survey.yaml', 'b.survey.yaml']);
    assert.deepEqual(index.set('a.survey.yaml', ['beps.csv']), { added: ['beps.csv'], removed: ['p.persona.yaml'] });
    assert.deepEqual(index.delete('b.survey.yaml'), ['bfi.csv']);
    assert.deepEqual(index.files(), ['beps.csv']);
  });

  it('a file no spec names (a run journal, a cache, answers.csv) is referenced by none', () => {
    const index = new ReferenceIndex();
    index.set('bfi.survey.yaml', ['/w/data/bfi.csv']);
    assert.deepEqual(index.specsReferencing('/w/bfi/runs/bfi/20261201-120000-baselines/journal.jsonl'), []);
    assert.deepEqual(index.specsReferencing('/w/bfi/runs/bfi/20261201-120000-baselines/answers.csv'), []);
  });
});
