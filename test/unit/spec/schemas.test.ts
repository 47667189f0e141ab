import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { TEMPLATE_VARIABLES } from '../../../src/core/spec/semantic';

const root = path.resolve(__dirname, '../../..');
const readJson = (rel: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;

type Schema = Record<string, unknown>;

/** Every `properties` entry in the schema, with a JSON-pointer-like path, following local $refs. */
function propertiesOf(schema: Schema): { path: string; prop: Schema }[] {
  const out: { path: string; prop: Schema }[] = [];
  const seen = new Set<Schema>();
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null || seen.has(node as Schema)) return;
    seen.add(node as Schema);
    const n = node as Schema;
    if (typeof n['properties'] === 'object' && n['properties'] !== null) {
      for (const [k, v] of Object.entries(n['properties'] as Schema)) out.push({ path: `${at}/${k}`, prop: v as Schema });
    }
    for (const [k, v] of Object.entries(n)) {
      if (['examples', 'default', 'enum', 'const', 'if', 'then', 'else', 'not'].includes(k)) continue; // conditions restate, not declare
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}/${k}/${i}`));
      else walk(v, `${at}/${k}`);
    }
  };
  walk(schema, '#');
  return out;
}

function described(schema: Schema, prop: Schema): boolean {
  if (typeof prop['description'] === 'string' && prop['description'].length > 10) return true;
  const ref = prop['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
    const target = (schema['definitions'] as Schema)[ref.slice('#/definitions/'.length)] as Schema | undefined;
    return !!target && typeof target['description'] === 'string';
  }
  return false;
}

describe('schemas and contributions', () => {
  for (const kind of ['survey', 'persona'] as const) {
    const schema = readJson(`schemas/${kind}.schema.json`);

    it(`${kind}: compiles with ajv (allErrors, strict: false) and is self-contained`, () => {
      new Ajv({ allErrors: true, strict: false }).compile(schema);
      const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
      for (const r of refs) assert.match(r, /"\$ref":"#\/definitions\//);
    });

    it(`${kind}: every property has a description and every object rejects unknown keys`, () => {
      const props = propertiesOf(schema);
      assert.ok(props.length > 30);
      for (const { path: p, prop } of props) assert.ok(described(schema, prop), `${p} has a description`);
      const objects: string[] = [];
      const walk = (node: unknown, at: string): void => {
        if (typeof node !== 'object' || node === null) return;
        const n = node as Schema;
        if (n['type'] === 'object' && n['properties'] && n['additionalProperties'] !== false) objects.push(at);
        for (const [k, v] of Object.entries(n)) if (k !== 'examples' && k !== 'default') walk(v, `${at}/${k}`);
      };
      walk(schema, '#');
      assert.deepEqual(objects, []);
    });

    it(`${kind}: rejects an unknown top-level key but accepts anchors and x- keys`, () => {
      const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
      const base = kind === 'survey' ? { name: 's', questions: [{ id: 'Q', text: 't', options: ['a', 'b'] }] } : { name: 'p', method: 'qa', demographics: { variables: { age: { question: 'How old are you?', options: ['18-29', '30+'] } } } };
      assert.ok(validate({ ...base, anchors: { agree: ['a', 'b'] }, 'x-notes': 1 }), JSON.stringify(validate.errors));
      assert.equal(validate({ ...base, scale: ['a'] }), false);
    });
  }

  it('survey: an outcome study needs question, group, table and lean, and rejects unknown keys at every level', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(readJson('schemas/survey.schema.json'));
    const base = { name: 's', questions: [{ id: 'vote2020', text: 't', options: ['Joe Biden', 'Donald Trump'] }] };
    const study = { question: 'vote2020', group: 'STATE_NAME', table: '../election/president-2020-by-state.csv', lean: { toward: 'Joe Biden', against: 'Donald Trump' } };
    assert.ok(validate({ ...base, outcomes: [study] }), JSON.stringify(validate.errors));
    for (const key of ['question', 'group', 'table', 'lean'] as const) {
      const { [key]: _dropped, ...rest } = study;
      assert.equal(validate({ ...base, outcomes: [rest] }), false, `${key} is required`);
    }
    assert.equal(validate({ ...base, outcomes: [{ ...study, weight: 'w' }] }), false);
    assert.equal(validate({ ...base, outcomes: [{ ...study, lean: { toward: 'Joe Biden' } }] }), false);
    assert.equal(validate({ ...base, outcomes: [{ ...study, lean: { ...study.lean, by: 'x' } }] }), false);
  });

  it('every template variable the checks allow is documented in the schema description of that template', () => {
    const schemas = { survey: JSON.stringify(readJson('schemas/survey.schema.json')), persona: JSON.stringify(readJson('schemas/persona.schema.json')) };
    for (const kind of ['survey', 'persona'] as const) {
      for (const [template, names] of Object.entries(TEMPLATE_VARIABLES[kind])) {
        for (const name of names as readonly string[]) assert.ok(schemas[kind].includes(`{{${name}}}`), `${kind} ${template}: {{${name}}} documented`);
      }
    }
  });

  it('package.json offers the schemas to the YAML extension and injects the template grammar', () => {
    const pkg = readJson('package.json') as { contributes: { yamlValidation: { fileMatch: string[]; url: string }[]; grammars: { path: string; injectTo: string[]; scopeName: string }[] } };
    const byUrl = new Map(pkg.contributes.yamlValidation.map((v) => [v.url, v.fileMatch]));
    assert.deepEqual(byUrl.get('./schemas/survey.schema.json'), ['*.survey.yaml', '*.survey.yml']);
    assert.deepEqual(byUrl.get('./schemas/persona.schema.json'), ['*.persona.yaml', '*.persona.yml']);
    for (const url of byUrl.keys()) assert.ok(existsSync(path.join(root, url)));
    const grammar = pkg.contributes.grammars.find((g) => g.injectTo.includes('source.yaml'));
    assert.ok(grammar && existsSync(path.join(root, grammar.path)));
    const g = readJson(grammar.path) as { scopeName: string; injectionSelector: string; repository: { 'template-variable': { match: string } } };
    assert.equal(g.scopeName, grammar.scopeName);
    assert.match(g.injectionSelector, /source\.yaml/);
    const re = new RegExp(g.repository['template-variable'].match, 'g');
    const names = [...'Question: {{ question }} {{demographics.age}} {{x}} {not} {{ 9no }}'.matchAll(re)].map((m) => m[2]);
    assert.deepEqual(names, ['question', 'demographics.age', 'x']);
  });
});
