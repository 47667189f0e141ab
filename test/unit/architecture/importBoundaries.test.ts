import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The architecture's import boundaries are lint rules (eslint.config.mjs); these tests lint small
 * snippets as if they lived in each layer, so a rule that stops firing fails here.
 */
const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture: import boundaries are enforced by lint', function () {
  this.timeout(60_000);

  it('src/core may import neither vscode nor openai nor outer layers', async () => {
    assert.equal((await restrictedImports('src/core/stats/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n")).length, 1);
    assert.equal((await restrictedImports('src/core/stats/x.ts', "import OpenAI from 'openai';\nexport const o = OpenAI;\n")).length, 1);
    assert.equal((await restrictedImports('src/core/stats/x.ts', "import OpenAI from 'openai/resources';\nexport const o = OpenAI;\n")).length, 1);
    assert.equal((await restrictedImports('src/core/stats/x.ts', "import { activate } from '../../extension/extension';\nexport const a = activate;\n")).length, 1);
    assert.equal((await restrictedImports('src/core/stats/x.ts', "import { x } from '../../adapters/openai/openAiLlmClient';\nexport const a = x;\n")).length, 1);
  });

  it('src/core/specModel imports nothing else in the core; the spec language may import it', async () => {
    assert.equal((await restrictedImports('src/core/specModel/x.ts', "import { parseSpec } from '../spec/parseSpec';\nexport const p = parseSpec;\n")).length, 1);
    assert.equal((await restrictedImports('src/core/specModel/templates/x.ts', "import { fsum } from '../../stats/fsum';\nexport const f = fsum;\n")).length, 1);
    assert.equal((await restrictedImports('src/core/specModel/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n")).length, 1);
    assert.deepEqual(await restrictedImports('src/core/spec/x.ts', "import { toSurveySpec } from '../specModel/toSurveySpec';\nexport const t = toSurveySpec;\n"), []);
  });

  it('only src/adapters/openai imports openai; the CLI may use the adapter module', async () => {
    assert.deepEqual(await restrictedImports('src/adapters/openai/x.ts', "import OpenAI from 'openai';\nexport const o = OpenAI;\n"), []);
    assert.equal((await restrictedImports('src/cli/commands/x.ts', "import OpenAI from 'openai';\nexport const o = OpenAI;\n")).length, 1);
    assert.deepEqual(await restrictedImports('src/cli/commands/x.ts', "import { x } from '../../adapters/openai/openAiLlmClient';\nexport const a = x;\n"), []);
    assert.equal((await restrictedImports('src/extension/x.ts', "import OpenAI from 'openai';\nexport const o = OpenAI;\n")).length, 1);
  });

  it('only src/extension imports vscode; webviews import neither vscode nor the host', async () => {
    assert.deepEqual(await restrictedImports('src/extension/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n"), []);
    assert.equal((await restrictedImports('src/cli/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n")).length, 1);
    assert.equal((await restrictedImports('src/webview/panel/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n")).length, 1);
    assert.equal((await restrictedImports('src/webview/panel/x.ts', "import { activate } from '../../extension/extension';\nexport const a = activate;\n")).length, 1);
  });
});
