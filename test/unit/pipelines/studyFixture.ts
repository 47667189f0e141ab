import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import type { StudyOptions } from '../../../src/core/pipelines/study/runStudy';
import type { OpenAiTestServer } from '../../server/openAiTestServer';

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'pipeline');

/**
 * A temporary study folder with the pipeline fixtures: `small.persona.yaml` (Anthology settings with test-server
 * model names), `bfi-small.survey.yaml` (the Big Five example on `bfi500.csv`, its first 500 respondents).
 * `api` switches every model to chat; `humans` keeps only the first rows of the human data.
 */
export function studyFolder(options: { api?: 'chat' | 'completions'; humans?: number } = {}): { dir: string; persona: string; survey: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-study-'));
  for (const f of ['small.persona.yaml', 'bfi-small.survey.yaml', 'bfi500.csv']) {
    let text = fs.readFileSync(path.join(fixtures, f), 'utf8');
    if (options.api === 'chat' && f.endsWith('.yaml')) text = text.replace(/api: completions/g, 'api: chat');
    if (options.humans !== undefined && f.endsWith('.csv')) text = `${text.split('\n').slice(0, options.humans + 1).join('\n')}\n`;
    fs.writeFileSync(path.join(dir, f), text);
  }
  return { dir, persona: path.join(dir, 'small.persona.yaml'), survey: path.join(dir, 'bfi-small.survey.yaml'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Study options against the test server (live or batch), polling batches every few milliseconds. */
export function serverOptions(server: OpenAiTestServer, mode: 'live' | 'batch' = 'live', extra: Partial<StudyOptions> = {}): StudyOptions {
  const client = new OpenAiLlmClient({ baseUrl: server.url });
  return { access: { client, cacheScope: server.url, concurrency: 32, mode, pollIntervalMs: 2 }, endpoint: { baseUrl: server.url }, ...extra };
}

/** The request bodies the server received on its completion routes, parsed. */
export function completionBodies(server: OpenAiTestServer): Array<Record<string, unknown> & { path: string }> {
  return server.log.filter((e) => e.path.endsWith('completions') && e.body !== undefined).map((e) => ({ ...(JSON.parse(e.body!) as Record<string, unknown>), path: e.path }));
}

/** The bodies inside every batch input file the server received (`{custom_id, url, body}` lines). */
export function batchBodies(server: OpenAiTestServer): Array<{ custom_id: string; url: string; body: Record<string, unknown> }> {
  const out: Array<{ custom_id: string; url: string; body: Record<string, unknown> }> = [];
  for (const f of server.files.values()) {
    if (f.purpose !== 'batch') continue;
    for (const line of f.bytes.toString('utf8').split('\n')) if (line.trim() !== '') out.push(JSON.parse(line) as { custom_id: string; url: string; body: Record<string, unknown> });
  }
  return out;
}

/** The text a body asks about: the prompt, or the user message of a chat body. */
export function promptOf(body: Record<string, unknown>): string {
  if (typeof body.prompt === 'string') return body.prompt;
  const messages = body.messages as Array<{ role: string; content: string }>;
  return messages[messages.length - 1]!.content;
}

export function readJsonl<T>(file: string): T[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

export function readCsv(file: string): string[][] {
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));
}
