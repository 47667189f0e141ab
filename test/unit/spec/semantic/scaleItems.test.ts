import assert from 'node:assert/strict';
import { checkScaleItems } from '../../../../src/core/spec/semantic/scaleItems';
import { expectDiagnostics } from './helpers';

const questions = `questions:
  - { id: A1, text: a, options: [x, y] }
  - { id: A2, text: b, options: [x, y] }
  - { id: A3, text: c, options: [x, y] }
`;

describe('semantic: scale items', () => {
  it('flags unknown items and reverse items outside the scale', () => {
    const ds = expectDiagnostics(checkScaleItems, `${questions}scales:
  agree:
    items: [A1, ⟦A4⟧, A2]
    reverse: [A1, ⟦A3⟧, ⟦B9⟧]
`, ['semantic/unknown-question', 'semantic/reverse-not-in-scale', 'semantic/unknown-question']);
    assert.match(ds[0]!.message, /Did you mean "A1"|Did you mean "A2"|Did you mean "A3"/);
    assert.match(ds[1]!.message, /Add it to `items`/);
  });

  it('accepts items and reverse items that are questions of the scale', () => {
    expectDiagnostics(checkScaleItems, `${questions}scales:
  agree: { items: [A1, A2, A3], reverse: [A2] }
  other: { items: [A3, A1] }
  broken: 5
`, []);
  });

  it('says nothing while there is no question list (the schema reports the missing or misspelt key)', () => {
    expectDiagnostics(checkScaleItems, `questons: []
scales:
  agree: { items: [A1, A2] }
`, []);
  });
});
