import assert from 'node:assert/strict';
import { checkDuplicateIds } from '../../../../src/core/spec/semantic/duplicateId';
import { expectDiagnostics } from './helpers';

describe('semantic: duplicate question ids', () => {
  it('flags every repeat of an id at the repeated id value', () => {
    const [d] = expectDiagnostics(checkDuplicateIds, `name: s
questions:
  - { id: Q1, text: a, options: [x, y] }
  - { id: Q2, text: b, options: [x, y] }
  - id: ⟦Q1⟧
    text: c
    options: [x, y]
`, ['semantic/duplicate-id']);
    assert.match(d!.message, /question 1 \(line 3\)/);
    assert.match(d!.message, /rename/);
  });

  it('accepts unique ids and ignores malformed questions', () => {
    expectDiagnostics(checkDuplicateIds, `name: s
questions:
  - { id: Q1, text: a, options: [x, y] }
  - { id: Q2, text: b, options: [x, y] }
  - just a string
  - { text: no id }
`, []);
    expectDiagnostics(checkDuplicateIds, 'questions: 3\n', []);
  });
});
