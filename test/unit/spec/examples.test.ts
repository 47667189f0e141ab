import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { nodeSpecFileSystem } from '../../../src/core/spec/nodeSpecFileSystem';
import { parseSpec } from '../../../src/core/spec/parseSpec';
import { rangeOfPath } from '../../../src/core/spec/rangeOfPath';
import { personaChecks, surveyChecks } from '../../../src/core/spec/semantic';
import type { SemanticContext } from '../../../src/core/spec/semantic/semanticContext';
import { specKindOf } from '../../../src/core/spec/specKind';

const root = path.resolve(__dirname, '../../..');
const examples = path.join(root, 'examples');

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return specFiles(p);
    return specKindOf(e.name) ? [p] : [];
  });
}

describe('examples workspace', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = {
    survey: ajv.compile(JSON.parse(readFileSync(path.join(root, 'schemas/survey.schema.json'), 'utf8')) as object),
    persona: ajv.compile(JSON.parse(readFileSync(path.join(root, 'schemas/persona.schema.json'), 'utf8')) as object),
  };
  const files = specFiles(examples);

  it('has the surveys and personas the README describes', () => {
    const names = files.map((f) => path.relative(examples, f).split(path.sep).join('/')).sort();
    for (const expected of ['bfi/bfi.survey.yaml', 'beps/beps.survey.yaml', 'ces11/ces11.survey.yaml', 'personas/us-adults.persona.yaml']) {
      assert.ok(names.includes(expected), `${expected} exists`);
    }
  });

  for (const file of specFiles(examples)) {
    const rel = path.relative(root, file);
    it(`${rel} parses, matches its schema and passes every semantic check`, () => {
      const kind = specKindOf(file)!;
      const spec = parseSpec(readFileSync(file, 'utf8'), kind);
      assert.deepEqual(spec.syntaxDiagnostics, []);
      const validate = validators[kind];
      assert.ok(validate(spec.value), JSON.stringify(validate.errors, null, 2));
      const ctx: SemanticContext = { spec, specPath: file, files: nodeSpecFileSystem, rangeOf: (p, part) => rangeOfPath(spec, p, part) };
      const diagnostics = (kind === 'survey' ? surveyChecks : personaChecks).flatMap((check) => check(ctx));
      assert.deepEqual(diagnostics.map((d) => `${d.rule} @${d.range.start.line + 1}: ${d.message}`), []);
    });
  }

  it('the bfi survey declares all 25 items and the psychTools reverse-keyed items', () => {
    const spec = parseSpec(readFileSync(path.join(examples, 'bfi/bfi.survey.yaml'), 'utf8'), 'survey');
    const value = spec.value as { questions: { id: string; codes: number[] }[]; scales: Record<string, { items: string[]; reverse?: string[] }> };
    assert.equal(value.questions.length, 25);
    assert.deepEqual(value.questions[0]!.codes, [1, 2, 3, 4, 5, 6]);
    const reverse = Object.values(value.scales).flatMap((s) => s.reverse ?? []).sort();
    assert.deepEqual(reverse, ['A1', 'C4', 'C5', 'E1', 'E2', 'O2', 'O5']);
  });

  it('the example data are byte-identical to the test fixtures (both copies of the shared data sets)', () => {
    for (const name of ['bfi', 'beps', 'ces11']) {
      const fixture = path.join(__dirname, '../../fixtures/data', name, 'data.csv');
      assert.ok(readFileSync(path.join(examples, 'data', `${name}.csv`)).equals(readFileSync(fixture)), `${name}.csv`);
    }
  });
});
