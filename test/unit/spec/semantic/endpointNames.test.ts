import assert from 'node:assert/strict';
import { createDefaultSpecService } from '../../../../src/core/spec/defaultSpecService';
import { checkEndpointNames, endpointPaths, ENDPOINTS_SETTING } from '../../../../src/core/spec/semantic/endpointNames';
import type { SemanticContext } from '../../../../src/core/spec/semantic/semanticContext';
import { expectDiagnostics, marked, MemoryFiles, PERSONA } from './helpers';

/** The check with the configured endpoint names the editor or the CLI would pass. */
const withNames = (names: readonly string[] | undefined) => (ctx: SemanticContext) => checkEndpointNames(names === undefined ? ctx : { ...ctx, endpointNames: names });

describe('semantic: endpoint names exist in the configuration', () => {
  it('finds every place a spec names an endpoint from the schemas (top level, the locator, the simulation)', () => {
    assert.deepEqual(endpointPaths('persona'), [['endpoint'], ['demographics', 'locator', 'endpoint']]);
    assert.deepEqual(endpointPaths('survey'), [['simulation', 'endpoint']]);
  });

  it('flags an unknown top-level and nested endpoint at the exact value range, as warnings', () => {
    const ds = expectDiagnostics(withNames(['default', 'openai']), `name: p
method: anthology
endpoint: ⟦local⟧
demographics:
  locator:
    endpoint: ⟦"azure"⟧
    model: { name: gpt-4o }
`, ['semantic/unknown-endpoint', 'semantic/unknown-endpoint'], { specPath: PERSONA });
    for (const d of ds) {
      assert.equal(d.severity, 'warning');
      assert.match(d.message, /Configured: "default" and "openai"/);
      assert.ok(d.message.includes(ENDPOINTS_SETTING), d.message);
    }
    assert.match(ds[0]!.message, /No endpoint named "local" is configured/);
    assert.match(ds[1]!.message, /No endpoint named "azure" is configured/);
  });

  it('flags simulation.endpoint in a survey spec', () => {
    expectDiagnostics(withNames(['default']), `name: s
simulation:
  endpoint: ⟦vllm⟧
questions: []
`, ['semantic/unknown-endpoint']);
  });

  it('carries the quick-fix data: change to the close configured name, and open the setting', () => {
    const src = 'name: p\nmethod: anthology\nendpoint: ⟦opnai⟧\n';
    const [d] = expectDiagnostics(withNames(['default', 'openai']), src, ['semantic/unknown-endpoint'], { specPath: PERSONA });
    const { ranges } = marked(src);
    assert.deepEqual(d!.fix, { title: "Change to 'openai'", edits: [{ range: ranges[0], newText: 'openai' }] });
    assert.deepEqual(d!.actions, [{ title: `Open the ${ENDPOINTS_SETTING} setting`, kind: 'open-setting', setting: ENDPOINTS_SETTING }]);
    assert.match(d!.message, /Did you mean "openai"\?/);
  });

  it('offers no rename when no configured name is close, and is a hint while none is configured at all', () => {
    const [far] = expectDiagnostics(withNames(['default']), 'endpoint: ⟦openai⟧\n', ['semantic/unknown-endpoint'], { specPath: PERSONA });
    assert.equal(far!.fix, undefined);
    assert.equal(far!.actions?.length, 1);
    const [none] = expectDiagnostics(withNames([]), 'endpoint: ⟦openai⟧\n', ['semantic/unknown-endpoint'], { specPath: PERSONA });
    assert.match(none!.message, /No endpoints are configured yet/);
    assert.equal(none!.severity, 'hint', 'before any endpoint is set up: in the editor, not in the Problems panel');
    assert.equal(none!.actions?.[0]?.kind, 'open-setting');
  });

  it('quotes a suggested name that YAML would read as something else', () => {
    const [d] = expectDiagnostics(withNames(['2024']), 'endpoint: ⟦"2025"⟧\n', ['semantic/unknown-endpoint'], { specPath: PERSONA });
    assert.equal(d!.fix?.edits[0]?.newText, '"2024"');
  });

  it('reports nothing when the configured names are unknown, or every name exists', () => {
    expectDiagnostics(withNames(undefined), 'endpoint: anything\n', [], { specPath: PERSONA });
    expectDiagnostics(withNames(['default', 'openai']), 'endpoint: default\ndemographics: { locator: { endpoint: openai } }\n', [], { specPath: PERSONA });
    expectDiagnostics(withNames([]), 'endpoint: 3\ndemographics: 7\n', [], { specPath: PERSONA });
  });

  it('runs in the spec service only when validate is given the names', () => {
    const service = createDefaultSpecService(new MemoryFiles());
    const text = 'name: p\nmethod: anthology\nendpoint: nowhere\n';
    const rules = (names?: readonly string[]) => service.validate(text, PERSONA, names ? { endpointNames: names } : {}).map((d) => d.rule);
    assert.ok(!rules().includes('semantic/unknown-endpoint'));
    assert.ok(rules(['default']).includes('semantic/unknown-endpoint'));
    assert.ok(!rules(['nowhere']).includes('semantic/unknown-endpoint'));
  });
});
