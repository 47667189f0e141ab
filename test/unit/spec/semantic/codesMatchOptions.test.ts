import assert from 'node:assert/strict';
import { checkCodesMatchOptions } from '../../../../src/core/spec/semantic/codesMatchOptions';
import { expectDiagnostics } from './helpers';

describe('semantic: codes match options', () => {
  it('flags a length mismatch at the codes and each repeated code', () => {
    const ds = expectDiagnostics(checkCodesMatchOptions, `questions:
  - { id: Q1, text: a, options: [x, y, z], codes: ⟦[1, 2]⟧ }
  - id: Q2
    text: b
    options: [x, y, z]
    codes: [1, 2, ⟦2⟧]
`, ['semantic/codes-mismatch', 'semantic/codes-mismatch']);
    assert.match(ds[0]!.message, /3 options but 2 codes/);
    assert.match(ds[1]!.message, /code 2 is used twice/);
  });

  it('flags a shared anchor at each alias that uses it', () => {
    expectDiagnostics(checkCodesMatchOptions, `anchors:
  codes: &codes [1, 2]
questions:
  - { id: Q1, text: a, options: [x, y, z], codes: ⟦*codes⟧ }
`, ['semantic/codes-mismatch']);
  });

  it('accepts matching codes (also codes starting at 0) and questions without codes', () => {
    expectDiagnostics(checkCodesMatchOptions, `questions:
  - { id: Q1, text: a, options: [x, y, z, w], codes: [0, 1, 2, 3] }
  - { id: Q2, text: b, options: [x, y] }
`, []);
  });
});
