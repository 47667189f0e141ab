// Specs far outside the usual: thousands of unknown keys, a 1 MB key, 150,000 questions reusing one alias,
// an alias bomb. Complexity is asserted by counting work, never by timing (timings: `npm run bench -- --only spec-scale`).
import assert from 'node:assert/strict';
import { createDefaultSpecService, specSchemas } from '../../../src/core/spec/defaultSpecService';
import { parseSpec, type ParsedSpec } from '../../../src/core/spec/parseSpec';
import { createSchemaValidator } from '../../../src/core/spec/schema/validateSchema';
import type { YamlMap } from '../../../src/core/spec/yamlTree';
import { MemoryFiles } from './semantic/helpers';

const SURVEY = '/ws/s.survey.yaml';

function unknownKeys(n: number): string {
  const lines = ['name: s', 'questions:', '  - { id: Q1, text: a, options: [x, y] }'];
  for (let i = 0; i < n; i++) lines.push(`bogus_${i}: 1`);
  return `${lines.join('\n')}\n`;
}

/** `spec` with its top-level mapping's pairs behind a proxy that counts how often a pair is read. */
function countingPairReads(spec: ParsedSpec): { spec: ParsedSpec; reads: () => number } {
  const root = spec.root as YamlMap;
  let reads = 0;
  const pairs = new Proxy(root.pairs as YamlMap['pairs'] & object, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { spec: { ...spec, root: { ...root, pairs } }, reads: () => reads };
}

describe('spec validation at scale', function () {
  this.timeout(120_000);

  it('locates the diagnostics of n unknown keys with O(n) reads of the mapping, not O(n²)', () => {
    // Before: one linear scan of the 4,000 pairs per diagnostic, about n²/2 = 8,000,000 reads.
    const n = 4000;
    const { spec, reads } = countingPairReads(parseSpec(unknownKeys(n), 'survey'));
    const diagnostics = createSchemaValidator(specSchemas.survey).validate(spec);
    assert.equal(diagnostics.filter((d) => d.rule === 'schema/unknown-key').length, n);
    assert.ok(reads() <= 4 * (n + 3), `${reads()} reads of a ${n + 3}-pair mapping`);
  });

  it('reports at most 1,000 problems per file and one summary line that counts the rest', () => {
    const service = createDefaultSpecService(new MemoryFiles());
    const ds = service.validate(unknownKeys(2500), SURVEY);
    assert.equal(ds.length, 1001);
    const summary = ds[1000]!;
    assert.equal(summary.rule, 'spec/too-many-problems');
    assert.equal(summary.severity, 'error');
    assert.deepEqual(summary.hidden, { errors: 1500, warnings: 0, others: 0 });
    assert.match(summary.message, /1500 more error\(s\) after these 1000 not shown/);
    assert.equal(service.validate(unknownKeys(2500), SURVEY, { maxProblems: 5000 }).length, 2500);
  });

  it('echoes at most 80 characters of a 1 MB key, and suggests nothing for it', () => {
    const key = 'k'.repeat(1_000_000);
    const ds = createDefaultSpecService(new MemoryFiles()).validate(`name: s\nquestions:\n  - { id: Q1, text: a, options: [x, y] }\n${key}: 1\n`, SURVEY);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.rule, 'schema/unknown-key');
    assert.ok(ds[0]!.message.length < 400, `message of ${ds[0]!.message.length} characters`);
    assert.ok(ds[0]!.message.includes(`'${'k'.repeat(79)}…'`), ds[0]!.message.slice(0, 200));
    assert.equal(ds[0]!.fix, undefined);
  });

  it('accepts 150,000 questions that share one options list through an alias', () => {
    const lines = ['name: s', 'anchors:', '  yn: &yn [No, Yes]', 'questions:'];
    for (let i = 0; i < 150_000; i++) lines.push(`  - { id: Q${i}, text: t, options: *yn }`);
    const spec = parseSpec(`${lines.join('\n')}\n`, 'survey');
    assert.deepEqual(spec.syntaxDiagnostics, []);
    assert.equal((spec.value as { questions: unknown[] }).questions.length, 150_000);
  });

  it('stops an alias bomb at the alias that crosses the limit, and says what the limit is, why, and what to do', () => {
    // Each level lists the previous one 10 times: level 7 alone would expand to 10⁸ values.
    const lines = ['name: s', 'anchors:', '  l0: &l0 [a, b, c, d, e, f, g, h, i, j]'];
    for (let level = 1; level <= 7; level++) lines.push(`  l${level}: &l${level} [${Array.from({ length: 10 }, () => `*l${level - 1}`).join(', ')}]`);
    lines.push('questions: []');
    const spec = parseSpec(`${lines.join('\n')}\n`, 'survey');
    assert.equal(spec.value, undefined);
    const [d] = spec.syntaxDiagnostics;
    assert.equal(d?.rule, 'yaml/alias-limit');
    // Levels expand to 11, 111, 1,111, …, 111,111 values (level 4): the aliases of level 5 (each *l4, 111,111
    // values) cross 1,000,000, after about 124,000 for the levels before.
    assert.equal(d.range.start.line, 7, 'on the line of level 5');
    assert.match(d.message, /more than 1,000,000 values/);
    assert.match(d.message, /billion laughs/);
    assert.match(d.message, /Alias the small repeated part/);
  });
});

describe('user text echoed into messages', () => {
  it('is cut at 80 characters in schema paths, duplicate ids and scale items', () => {
    const long = 'x'.repeat(5000);
    const service = createDefaultSpecService(new MemoryFiles());
    const text = `name: s\nquestions:\n  - { id: ${long}, text: a, options: [x, y] }\n  - { id: ${long}, text: b, options: [x, y] }\nscales:\n  ${long}: { items: [${long}y, ${long}], bogus: 1 }\n`;
    const ds = service.validate(text, SURVEY);
    assert.deepEqual(ds.map((d) => d.rule).sort(), ['schema/unknown-key', 'semantic/duplicate-id', 'semantic/unknown-question'].sort(), ds.map((d) => d.message).join('\n'));
    for (const d of ds) {
      assert.ok(d.message.length < 600, `${d.rule}: ${d.message.length} characters`);
      assert.ok(d.message.includes(`${'x'.repeat(79)}…`), d.message.slice(0, 200));
    }
  });
});
