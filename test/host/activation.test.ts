import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'persona-studio.persona-studio';

async function waitFor(predicate: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('extension activation', () => {
  it('is loaded under its id', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    assert.equal(ext.packageJSON.name, 'persona-studio');
    assert.equal(ext.packageJSON.main, './dist/extension.js');
  });

  it('opens the copy of examples/ as the only workspace folder, and it holds specs', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    const expected = process.env.PERSONA_STUDIO_TEST_WORKSPACE;
    if (expected) assert.equal(folders[0]?.uri.fsPath, expected);
    const specs = await vscode.workspace.findFiles('**/*.{survey,persona}.yaml');
    assert.ok(specs.length > 0, 'examples/ holds no *.survey.yaml or *.persona.yaml');
  });

  it('activates by itself on a workspace containing specs (workspaceContains), without a file being opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const active = await waitFor(() => ext.isActive, 15_000);
    assert.equal(active, true, 'not activated 15 s after the test run started');
  });
});
