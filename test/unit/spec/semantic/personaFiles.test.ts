import { checkPersonaFiles } from '../../../../src/core/spec/semantic/personaFiles';
import { expectDiagnostics, MemoryFiles, PERSONA } from './helpers';

describe('semantic: persona files', () => {
  it('flags missing census tables, import file and output folders', () => {
    const files = new MemoryFiles({ '/ws/census/marginals.csv': 'variable,category,share\n' });
    expectDiagnostics(checkPersonaFiles, `name: p
method: meta
census:
  marginals: ../census/marginals.csv
  joint: [../census/marginals.csv, ⟦../census/joint.csv⟧]
import: { file: ⟦people.parquet⟧ }
backstories:
  prompt: x
  output: ⟦out/backstories.jsonl⟧
generation:
  prompt: x
  output: ⟦../census⟧
`, ['semantic/missing-file', 'semantic/missing-file', 'semantic/missing-file', 'semantic/missing-file'], { specPath: PERSONA, files });
  });

  it('accepts existing inputs and outputs whose folder exists', () => {
    const files = new MemoryFiles({ '/ws/personas/people.jsonl': '{}\n', '/ws/personas/test.persona.yaml': '' });
    expectDiagnostics(checkPersonaFiles, `name: p
method: import
import: { file: people.jsonl }
backstories: { prompt: x, output: us.backstories.jsonl }
`, [], { specPath: PERSONA, files });
  });
});
