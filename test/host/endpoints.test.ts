import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EndpointCapabilities } from '../../src/core/llm/probeEndpoint';
import { startOpenAiTestServer, type OpenAiTestServer } from '../server/openAiTestServer';
import { workspaceRoot } from './helpers';

/** The project's OpenAI-compatible test server (a fixture) stands in for a real endpoint that needs a key. */
const KEY = 'sk-fixture-9f8e7d6c5b4a';

describe('endpoints: connection test and API keys in SecretStorage', () => {
  let server: OpenAiTestServer;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('personaStudio');

  before(async () => {
    server = await startOpenAiTestServer({ apiKey: KEY, models: ['fixture-chat', 'fixture-base'] });
    await settings().update('endpoints', [{ name: 'fixture', baseUrl: server.url.replace(/\/v1$/, '') }], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('personaStudio.clearApiKey', 'fixture');
  });

  after(async () => {
    await vscode.commands.executeCommand('personaStudio.clearApiKey', 'fixture');
    await settings().update('endpoints', undefined, vscode.ConfigurationTarget.Global);
    await server.close();
  });

  it('fails with the auth reason while no key is stored (and sends none)', async () => {
    const caps = await vscode.commands.executeCommand<EndpointCapabilities | undefined>('personaStudio.testEndpoint', 'fixture');
    assert.equal(caps, undefined);
    assert.ok(server.log.length > 0, 'the server was contacted');
  });

  it('probes models, logprobs and n once the key is stored', async () => {
    assert.equal(await vscode.commands.executeCommand('personaStudio.setApiKey', 'fixture', KEY), true);
    const caps = await vscode.commands.executeCommand<EndpointCapabilities | undefined>('personaStudio.testEndpoint', 'fixture');
    assert.ok(caps, 'the probe succeeded');
    assert.deepEqual(caps.models, ['fixture-chat', 'fixture-base']);
    assert.equal(caps.model, 'fixture-chat');
    assert.equal(caps.logprobs, true);
    assert.equal(caps.n, true);
  });

  it('forgets the key on Clear Endpoint API Key', async () => {
    await vscode.commands.executeCommand('personaStudio.clearApiKey', 'fixture');
    assert.equal(await vscode.commands.executeCommand('personaStudio.testEndpoint', 'fixture'), undefined);
  });

  it('never writes the key into the workspace', () => {
    const hits: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        const s = statSync(p);
        if (s.isDirectory()) walk(p);
        else if (s.size < 5_000_000 && readFileSync(p, 'utf8').includes(KEY)) hits.push(p);
      }
    };
    walk(workspaceRoot().fsPath);
    assert.deepEqual(hits, []);
  });
});
