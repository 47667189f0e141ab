import assert from 'node:assert/strict';
import { specSchemas } from '../../../src/core/spec/defaultSpecService';
import { createSpecService } from '../../../src/core/spec/specService';
import { markers } from '../../helpers/markers';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

const service = createSpecService({ schemas: specSchemas, files: memoryFileSystem({}) });

describe('spec navigation: outline, links and go to definition', () => {
  const survey = [
    'name: Demo',
    'personas: ../personas/us.persona.yaml',
    'human:',
    '  data: "./data/h.csv"',
    '  demographics:',
    '    gender: { column: sex }',
    'questions:',
    '  - id: A1',
    '    text: Am indifferent to the feelings of others.',
    '    options: [No, Yes]',
    '  - id: «A2»',
    '    text: Inquire about others’ well-being.',
    '    options: [No, Yes]',
    'scales:',
    '  agree: { items: [A1, A‸2], reverse: [A1] }',
    '',
  ].join('\n');

  it('outlines sections, questions by id with their wording, scales and demographics', () => {
    const { text } = markers(survey);
    const symbols = service.symbols(text, '/ws/surveys/demo.survey.yaml');
    assert.deepEqual(symbols.map((s) => s.name), ['name', 'personas', 'human', 'questions', 'scales']);
    const questions = symbols.find((s) => s.name === 'questions')!;
    assert.deepEqual(questions.children.map((q) => [q.name, q.detail]), [['A1', 'Am indifferent to the feelings of others.'], ['A2', 'Inquire about others’ well-being.']]);
    assert.deepEqual(questions.children[1]!.selectionRange, { start: { line: 10, character: 8 }, end: { line: 10, character: 10 } });
    assert.deepEqual(symbols.find((s) => s.name === 'scales')!.children.map((s) => [s.name, s.detail]), [['agree', '2 items, 1 reverse-keyed']]);
    assert.deepEqual(symbols.find((s) => s.name === 'human')!.children.map((s) => s.name), ['gender']);
  });

  it('links the persona spec and the human data, resolved against the spec folder', () => {
    const { text } = markers(survey);
    const links = service.links(text, '/ws/surveys/demo.survey.yaml');
    assert.deepEqual(links.map((l) => l.target), ['/ws/personas/us.persona.yaml', '/ws/surveys/data/h.csv']);
    assert.deepEqual(links[1]!.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 22 } }, 'the quoted path, quotes included');
  });

  it('jumps from a scale item to the question that declares it', () => {
    const { text, carets, ranges } = markers(survey);
    assert.deepEqual(service.definition(text, '/ws/surveys/demo.survey.yaml', carets[0]!), ranges[0]);
  });

  it('has no definition for an id no question declares', () => {
    const { text, carets } = markers(survey.replace('A‸2]', 'Z‸9]'));
    assert.equal(service.definition(text, '/ws/surveys/demo.survey.yaml', carets[0]!), undefined);
  });
});
