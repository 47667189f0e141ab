// The default backstories file of a persona spec is `<name>.backstories.jsonl` next to it, `<name>` the spec's
// `name:` (schemas/persona.schema.json, backstories.output): the same for the spec model (generation), the persona
// stages (personaOutputs), the editor's lenses and commands (backstoriesPathOf) and the review editor's labels
// (findPersonaLabels), so a spec whose name differs from its file name finds the file it wrote.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { backstoriesPathOf, findPersonaLabels } from '../../../src/core/backstories/backstoryPaths';
import { personaOutputs } from '../../../src/core/pipelines/specConfig/personaStageConfigs';
import { parseSpec } from '../../../src/core/spec/parseSpec';
import { toPersonaSpec } from '../../../src/core/specModel/toPersonaSpec';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'schemas', 'persona.schema.json'), 'utf8')) as unknown;

describe('the default backstories file: <name>.backstories.jsonl, name = the spec\'s name:', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-bspath-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const specPath = path.join(dir, 'us.persona.yaml');
  const text = 'name: us-adults\nmethod: anthology\nbackstories:\n  prompt: Tell me about yourself.\ndemographics:\n  variables:\n    AGE:\n      question: How old are you?\n      options: [18-29, 30+]\n';
  const expected = path.join(dir, 'us-adults.backstories.jsonl');

  it('the schema says so', () => {
    const text = JSON.stringify(schema);
    assert.match(text, /Default: `<name>\.backstories\.jsonl` next to this spec, `<name>` being this spec's `name:`/);
  });

  it('the spec model, the persona stages and the editor agree', async () => {
    const value = parseSpec(text, 'persona').value;
    const spec = toPersonaSpec({ value, text }, specPath);
    assert.equal(spec.backstories?.output, expected);
    assert.equal(personaOutputs(spec).backstories, expected);
    assert.equal(personaOutputs(spec).demographics, path.join(dir, 'us-adults.demographics.jsonl'));
    // a spec with no backstories section (a direct method): the same default
    const { backstories: _dropped, ...withoutBackstories } = spec;
    assert.equal(personaOutputs(withoutBackstories).backstories, expected);
    assert.equal(backstoriesPathOf(specPath, value), expected);
    // backstories.output, when given, wins (relative to the spec)
    assert.equal(backstoriesPathOf(specPath, { ...(value as object), backstories: { output: 'x/y.backstories.jsonl' } }), path.join(dir, 'x', 'y.backstories.jsonl'));
    fs.writeFileSync(specPath, text);
    const labels = await findPersonaLabels(expected);
    assert.equal(labels?.specPath, specPath);
    assert.deepEqual(labels?.variables, { AGE: ['18-29', '30+'] });
  });
});
