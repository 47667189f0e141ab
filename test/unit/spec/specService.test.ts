import assert from 'node:assert/strict';
import type { JsonSchema } from '../../../src/core/spec/schema/jsonSchema';
import { createSpecService, PARSE_CACHE_SIZE } from '../../../src/core/spec/specService';
import { markers } from '../../helpers/markers';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

/** A small schema shaped like the survey schema, so these tests do not move when the real one grows. */
const schema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'questions'],
  properties: {
    name: { type: 'string', description: 'The survey name.' },
    matching: { enum: ['greedy', 'max-weight', 'random', 'none'], default: 'greedy', description: 'How personas are matched to humans.' },
    questions: {
      type: 'array',
      description: 'The questions.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'text'],
        properties: {
          id: { type: 'string', description: 'A unique question id.' },
          text: { type: 'string', description: 'The wording.' },
          codes: { type: 'array', items: { type: 'integer' }, description: 'Numeric codes.' },
        },
      },
    },
  },
};

const service = createSpecService({ schemas: { survey: schema, persona: schema }, files: memoryFileSystem({}) });
const file = '/ws/test.survey.yaml';

function diagnose(marked: string) {
  const { text, ranges } = markers(marked);
  return { diagnostics: service.validate(text, file), ranges };
}

describe('spec service: diagnostics at exact ranges', () => {
  it('reports nothing for a valid spec', () => {
    assert.deepEqual(service.validate('name: x\nquestions:\n  - { id: A1, text: "Hi" }\n', file), []);
  });

  it('ignores files that are not specs', () => {
    assert.deepEqual(service.validate('::: not yaml', '/ws/other.yaml'), []);
  });

  it('reports a YAML syntax error at its position', () => {
    const { diagnostics } = diagnose('name: x\nquestions: : 2\n');
    assert.equal(diagnostics[0]?.rule, 'yaml/syntax');
    assert.equal(diagnostics[0]?.severity, 'error');
    assert.deepEqual(diagnostics[0]?.range.start, { line: 1, character: 11 });
  });

  it('reports a duplicate key on the second occurrence', () => {
    const { diagnostics, ranges } = diagnose('name: x\n«name»: y\nquestions: []\n');
    const d = diagnostics.find((x) => x.rule === 'yaml/duplicate-key');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.deepEqual(d.range.start, ranges[0]!.start);
  });

  it('reports an unknown key on the key itself, with a did-you-mean fix', () => {
    const { diagnostics, ranges } = diagnose('name: x\nquestions:\n  - id: A1\n    text: hi\n    «codez»: [1, 2]\n');
    assert.equal(diagnostics.length, 1);
    const d = diagnostics[0]!;
    assert.equal(d.rule, 'schema/unknown-key');
    assert.deepEqual(d.range, ranges[0]);
    assert.match(d.message, /Did you mean 'codes'/);
    assert.deepEqual(d.fix?.edits, [{ range: ranges[0], newText: 'codes' }]);
  });

  it('reports a type error on the value', () => {
    const { diagnostics, ranges } = diagnose('name: x\nquestions:\n  - id: A1\n    text: hi\n    codes: [1, «two»]\n');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.rule, 'schema/type');
    assert.deepEqual(diagnostics[0]!.range, ranges[0]);
    assert.match(diagnostics[0]!.message, /whole number/);
  });

  it('reports a bad enum value with the allowed values and a fix', () => {
    const { diagnostics, ranges } = diagnose('name: x\nmatching: «gredy»\nquestions: []\n');
    assert.equal(diagnostics[0]!.rule, 'schema/enum');
    assert.deepEqual(diagnostics[0]!.range, ranges[0]);
    assert.equal(diagnostics[0]!.fix?.edits[0]?.newText, 'greedy');
  });

  it('reports a missing required key on its mapping and offers to insert it', () => {
    const { text, ranges } = markers('name: x\nquestions:\n  - «id»: A1\n    codes: [1]\n');
    const diagnostics = service.validate(text, file);
    const d = diagnostics.find((x) => x.rule === 'schema/required');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.match(d.message, /'text'/);
    assert.equal(d.range.start.line, ranges[0]!.start.line);
    const edit = d.fix!.edits[0]!;
    const lines = text.split('\n');
    const at = lines[edit.range.start.line]!;
    lines[edit.range.start.line] = at.slice(0, edit.range.start.character) + edit.newText + at.slice(edit.range.end.character);
    assert.deepEqual(service.validate(lines.join('\n'), file), [], 'the fix leaves a valid spec');
  });

  it('reports a misspelt required key once, as unknown with the rename fix, not also as missing', () => {
    const { diagnostics, ranges } = diagnose('name: x\n«questons»: []\n');
    assert.deepEqual(diagnostics.map((d) => d.rule), ['schema/unknown-key']);
    assert.deepEqual(diagnostics[0]!.range, ranges[0]);
    assert.equal(diagnostics[0]!.fix?.edits[0]?.newText, 'questions');
  });

  it('reports a missing top-level key at the top of the file', () => {
    const diagnostics = service.validate('name: x\n', file);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.rule, 'schema/required');
    assert.equal(diagnostics[0]!.range.start.line, 0);
  });
});

describe('spec service: completion and hover from the schema', () => {
  it('completes the keys missing from the mapping under the cursor, required first', () => {
    const { text, carets } = markers('name: x\nquestions:\n  - id: A1\n    ‸\n');
    const labels = service.complete(text, file, carets[0]!).map((c) => c.label);
    assert.deepEqual(labels, ['text', 'codes']);
  });

  it('completes top-level keys while a word is half typed', () => {
    const { text, carets } = markers('name: x\nmat‸\n');
    const labels = service.complete(text, file, carets[0]!).map((c) => c.label);
    assert.deepEqual(labels.sort(), ['matching', 'questions']);
  });

  it('completes enum values after a key', () => {
    const { text, carets } = markers('name: x\nmatching: ‸\nquestions: []\n');
    const labels = service.complete(text, file, carets[0]!).map((c) => c.label);
    assert.deepEqual(labels, ['greedy', 'max-weight', 'random', 'none']);
  });

  it('hovers a key with its description, allowed values and default', () => {
    const { text, carets } = markers('name: x\nmatc‸hing: greedy\nquestions: []\n');
    const hover = service.hover(text, file, carets[0]!);
    assert.ok(hover);
    assert.match(hover.markdown, /How personas are matched to humans/);
    assert.match(hover.markdown, /`"max-weight"`/);
    assert.match(hover.markdown, /Default: `"greedy"`/);
    assert.deepEqual(hover.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } });
  });

  it('hovers a key inside a sequence item', () => {
    const { text, carets } = markers('name: x\nquestions:\n  - i‸d: A1\n    text: hi\n');
    assert.match(service.hover(text, file, carets[0]!)?.markdown ?? '', /A unique question id/);
  });
});

describe('spec service: one parse per document and version', () => {
  it('keeps each document\'s parse while others are parsed, and parses again when its text changes', () => {
    const svc = createSpecService({ schemas: { survey: schema, persona: schema }, files: memoryFileSystem({}) });
    const a = svc.parse('name: a\nquestions: []\n', '/ws/a.survey.yaml');
    const b = svc.parse('name: b\nquestions: []\n', '/ws/b.survey.yaml');
    assert.ok(a && b);
    assert.equal(svc.parse('name: a\nquestions: []\n', '/ws/a.survey.yaml'), a, 'a survives a parse of b');
    assert.equal(svc.parse('name: b\nquestions: []\n', '/ws/b.survey.yaml'), b);
    const a2 = svc.parse('name: a2\nquestions: []\n', '/ws/a.survey.yaml');
    assert.notEqual(a2, a, 'a new version of a is parsed again');
    assert.equal(svc.parse('name: a2\nquestions: []\n', '/ws/a.survey.yaml'), a2);
  });

  it('evicts the least recently used document past PARSE_CACHE_SIZE', () => {
    const svc = createSpecService({ schemas: { survey: schema, persona: schema }, files: memoryFileSystem({}) });
    const first = svc.parse('name: x\nquestions: []\n', '/ws/0.survey.yaml');
    for (let i = 1; i <= PARSE_CACHE_SIZE; i++) svc.parse('name: x\nquestions: []\n', `/ws/${i}.survey.yaml`);
    assert.notEqual(svc.parse('name: x\nquestions: []\n', '/ws/0.survey.yaml'), first);
  });
});
