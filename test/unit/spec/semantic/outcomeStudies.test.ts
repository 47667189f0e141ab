import assert from 'node:assert/strict';
import { checkOutcomeStudies } from '../../../../src/core/spec/semantic/outcomeStudies';
import { expectDiagnostics, MemoryFiles } from './helpers';

const QUESTIONS = `questions:
  - { id: vote2020, text: Who?, options: [Joe Biden, Donald Trump] }
`;

describe('semantic: outcome studies', () => {
  it('accepts a study whose question, lean options and table columns exist', () => {
    const files = new MemoryFiles({ '/ws/election/results.csv': 'group,option,share,votes\nArizona,Joe Biden,0.49,1\n' });
    expectDiagnostics(checkOutcomeStudies, `name: s
${QUESTIONS}outcomes:
  - { question: vote2020, group: STATE_NAME, table: ../election/results.csv, lean: { toward: Joe Biden, against: Donald Trump } }
`, [], { files });
  });

  it('flags an unknown question, a lean option the question lacks, a missing table and a table without share', () => {
    const files = new MemoryFiles({ '/ws/election/results.csv': 'group,option,votes\nArizona,Joe Biden,1\n' });
    const ds = expectDiagnostics(checkOutcomeStudies, `name: s
${QUESTIONS}outcomes:
  - { question: ⟦vote2016⟧, group: STATE_NAME, table: ⟦nope.csv⟧, lean: { toward: Joe Biden, against: Donald Trump } }
  - { question: vote2020, group: STATE_NAME, table: ⟦../election/results.csv⟧, lean: { toward: ⟦Kamala Harris⟧, against: Donald Trump } }
`, ['semantic/outcome-question', 'semantic/missing-file', 'semantic/outcome-table-columns', 'semantic/outcome-question'], { files });
    assert.match(ds[0]!.message, /Use one of: vote2020/);
    assert.match(ds[2]!.message, /no column share/);
    assert.match(ds[3]!.message, /lean\.toward must be one of: Joe Biden and Donald Trump/);
  });
});
