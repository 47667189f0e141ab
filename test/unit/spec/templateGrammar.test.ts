import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Tokenizes YAML with VS Code's own YAML grammar plus our injection grammar, using the vscode-textmate
 * and vscode-oniguruma copies inside the downloaded test VS Code (skipped when it is not downloaded).
 */
const root = path.resolve(__dirname, '../../..');
const vscodeRoot = path.join(root, '.vscode-test/code-server/node_modules/code-server/lib/vscode');

interface Token {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly scopes: string[];
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: Token[]; ruleStack: unknown };
}
interface Textmate {
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath: string): unknown;
  Registry: new (options: object) => { loadGrammar(scope: string): Promise<Grammar | null> };
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (s: string) => unknown;
}

async function yamlGrammar(): Promise<{ grammar: Grammar; tm: Textmate }> {
  const req = createRequire(path.join(vscodeRoot, 'package.json'));
  const tm = req('vscode-textmate') as Textmate;
  const onig = req('vscode-oniguruma') as Oniguruma;
  const wasm = readFileSync(path.join(vscodeRoot, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const yamlExt = path.join(vscodeRoot, 'extensions/yaml');
  const yamlPkg = JSON.parse(readFileSync(path.join(yamlExt, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string }[] } };
  const files = new Map(yamlPkg.contributes.grammars.map((g) => [g.scopeName, path.join(yamlExt, g.path)]));
  const ours = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string }[] } };
  for (const g of ours.contributes.grammars) files.set(g.scopeName, path.join(root, g.path));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope: string) => {
      const file = files.get(scope);
      return file ? tm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope: string) => (scope === 'source.yaml' ? ours.contributes.grammars.map((g) => g.scopeName) : []),
  });
  const grammar = await registry.loadGrammar('source.yaml');
  assert.ok(grammar, 'the YAML grammar loads');
  return { grammar, tm };
}

describe('template variable highlighting (TextMate injection into YAML)', function () {
  before(function () {
    if (!existsSync(path.join(vscodeRoot, 'extensions/yaml/package.json'))) this.skip();
  });

  it('scopes {{name}} and {{name.sub}} in plain, quoted, block and folded scalars, and nothing else', async () => {
    const { grammar, tm } = await yamlGrammar();
    const text = [
      'a: "x {{backstory}} y {{ demographics.age }}"',
      'b: plain {{question}} text',
      'c: |',
      '  Block {{options}}',
      "d: 'single {{id}}'",
      'e: >-',
      '  folded {{history}}',
      '- item {{value}}',
      '# comment {{notme}}',
      'f: "{not} {{ 9bad }}"',
    ];
    const found: string[] = [];
    let state = tm.INITIAL;
    for (const line of text) {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      for (const t of r.tokens) {
        if (t.scopes.includes('variable.other.template.persona-studio')) found.push(line.slice(t.startIndex, t.endIndex));
      }
    }
    assert.deepEqual(found, ['backstory', 'demographics.age', 'question', 'options', 'id', 'history', 'value']);
  });
});
