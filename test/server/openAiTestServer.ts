// A TEST FIXTURE: a real HTTP server (node:http, 127.0.0.1 only) that speaks enough of the OpenAI REST API
// for the engine's tests, benches and UI journeys. Answers are derived deterministically from a hash of the
// request; faults are injected by configuration, decided by a hash of the request and its attempt number,
// so a run against it is reproducible. Product code never knows it is talking to this server.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TestServerFaults {
  /** Share of attempts answered 429 (with `retry-after-ms`/`retry-after` when set below). */
  rateLimit?: number;
  retryAfterMs?: number;
  retryAfterSeconds?: number;
  /** Share of attempts answered 500. */
  serverError?: number;
  /** Share of attempts answered 503. */
  unavailable?: number;
  /** Share of attempts whose connection is reset without a response. */
  reset?: number;
  /** Share of attempts that never get an answer (the client must time out). */
  hang?: number;
  /** Share of attempts answered 200 with a body that is not JSON. */
  malformed?: number;
  /** Share of attempts whose body stops half-way (Content-Length promises more). */
  truncated?: number;
  /** Share of requests (by content, on every attempt) answered 400. */
  badRequest?: number;
  /** Share of requests (by content) whose every choice ends with `content_filter`. */
  contentFilter?: number;
  /** Share of batch lines that fail (by custom_id and attempt) and land in the error file. */
  batchLine?: number;
}

export interface TestServerOptions {
  readonly port?: number;
  /** Added before every answer. @default 0 */
  latencyMs?: number;
  faults?: TestServerFaults;
  /** Whether `logprobs` is honoured (false: silently absent, like LM Studio). @default true */
  logprobs?: boolean;
  /** `n` > 1: 'support' returns n choices, 'ignore' returns one (Ollama), 'reject' answers 400. @default 'support' */
  n?: 'support' | 'ignore' | 'reject';
  /** @default ['test-model', 'test-base-model'] */
  models?: readonly string[];
  /** Models served only through `/v1/completions` (base models): chat requests for them get 404, as OpenAI answers for davinci-002. @default [] */
  baseModels?: readonly string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** Retrievals of a batch before it completes. @default 2 */
  batchPolls?: number;
  /** Keep the bodies of logged requests (memory!). @default false */
  logBodies?: boolean;
  /**
   * Answers a persona study would get (see `plausibleText`): citizenship preambles answered yes or no,
   * first-person backstories (some too short, some duplicated), and multiple-choice answers in varied styles
   * (a bare letter, "(B)", "(B) option", the option text, a stated amount, non-compliant text, refusals).
   * @default false (a letter or "(letter)", as the engine tests expect)
   */
  plausible?: boolean;
  /**
   * The first `count` requests to any route (the model list included) are answered with `status` (429 or 5xx),
   * with `retry-after-ms`/`retry-after` when set: a server that is busy for a moment.
   */
  failFirst?: { count: number; status: number; retryAfterMs?: number; retryAfterSeconds?: number };
  /** Every route answers 200 with an HTML page (a web UI or a proxy's login page, not an API). */
  html?: boolean;
}

export interface LoggedRequest {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** SHA-256 of the request body (hex). */
  readonly bodyHash: string;
  /** What the server did: 'ok' or the fault's name. */
  readonly outcome: string;
  readonly authorization: string | undefined;
  readonly body?: string;
}

interface StoredFile {
  readonly id: string;
  readonly filename: string;
  readonly purpose: string;
  readonly bytes: Buffer;
  readonly createdAt: number;
}

interface StoredBatch {
  id: string;
  input_file_id: string;
  endpoint: string;
  completion_window: string;
  status: string;
  polls: number;
  output_file_id: string | null;
  error_file_id: string | null;
  request_counts: { total: number; completed: number; failed: number };
  metadata: Record<string, string> | null;
  created_at: number;
}

const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');
/** A number in [0, 1) from a hash of `parts`. */
function unit(...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0) / 2 ** 32;
}

/** The option letters offered in a prompt: `(A)`, or lines starting `A.`, `A)` or `A:`. */
export function offeredLetters(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\(([A-Z])\)|^([A-Z])[.):]\s/gm)) found.add((m[1] ?? m[2])!);
  const letters = [...found].sort();
  // only a contiguous run from A counts as a list of options
  const run: string[] = [];
  for (let i = 0; i < letters.length && letters[i] === String.fromCharCode(65 + i); i++) run.push(letters[i]!);
  return run;
}

/**
 * The distribution the server answers with for a prompt offering `letters`: letter probabilities that sum to
 * `1 - leak`, with `leak` on non-letter tokens ("Sure", "**"). Exported so tests can compare.
 */
export function testServerDistribution(promptText: string, letters: readonly string[]): { letters: Record<string, number>; leak: number } {
  const weights = letters.map((l) => 0.2 + unit('w', promptText, l) ** 2 * 3);
  const total = weights.reduce((a, b) => a + b, 0);
  const leak = 0.02 + unit('leak', promptText) * 0.08;
  const out: Record<string, number> = {};
  letters.forEach((l, i) => (out[l] = ((weights[i] ?? 0) / total) * (1 - leak)));
  return { letters: out, leak };
}

function promptTextOf(body: Record<string, unknown>): string {
  if (typeof body.prompt === 'string') return body.prompt;
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ content?: unknown }>) : [];
  return messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
}


const FIRST = ['Maria', 'James', 'Aisha', 'Wei', 'Carlos', 'Emma', 'Darnell', 'Priya', 'Tom', 'Rosa', 'Yusuf', 'Hannah'];
const PLACES = ['a small town in Ohio', 'Houston', 'rural Georgia', 'Chicago', 'the Bronx', 'a farm in Iowa', 'San Diego', 'Detroit', 'Phoenix', 'a suburb of Atlanta'];
const EVENTS = ['my father lost his job when I was twelve', 'I joined the Army after high school', 'I became a mother at nineteen', 'I moved across the country for college', 'my grandmother raised me', 'I started my own repair shop', 'I went back to school at forty', 'I lost my brother in a car accident'];
const VALUES = ['my family', 'my faith', 'working hard and paying my bills', 'my garden and my dogs', 'fishing on weekends', 'my students', 'music and cooking for friends', 'staying healthy'];

/** The options offered in a prompt, by letter: the text after "(A) " on each option line. */
export function offeredOptions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\(([A-Z])\) (.+)$/gm)) out.set(m[1]!, m[2]!.trim());
  return out;
}

/**
 * A plausible persona-study answer for prompts without option letters, or `undefined` when the prompt is none of
 * those: the citizenship preamble (yes about 75% of the time), or a backstory (about 8% too short, about 4% one
 * shared text so de-duplication has work). `h` is a hash of the request body and the choice index.
 */
export function plausibleText(prompt: string, h: string): string | undefined {
  const u = (salt: string): number => unit(salt, h);
  const tail = prompt.slice(-400);
  if (/Are you a US citizen\?\s*\n\nAnswer:$/.test(tail)) return u('citizen') < 0.75 ? (u('yesform') < 0.5 ? 'Yes' : 'Yes, I am.') : 'No, I am not.';
  if (/Tell me about yourself/.test(tail)) {
    if (u('short') < 0.08) return 'I would rather not say much.';
    if (u('dup') < 0.04) return 'I am an ordinary person who grew up in an ordinary place, and I like ordinary things: a good meal, a long walk and quiet evenings with the people I love most in this world.';
    const pick = <T>(xs: readonly T[], salt: string): T => xs[Math.floor(u(salt) * xs.length)]!;
    const age = 18 + Math.floor(u('age') * 70);
    return `My name is ${pick(FIRST, 'name')} and I am ${age} years old. I grew up in ${pick(PLACES, 'place')}. The event that made me who I am is that ${pick(EVENTS, 'event')}. What matters most to me is ${pick(VALUES, 'value')}, and I enjoy ${pick(VALUES, 'enjoy')} (${h.slice(0, 6)}).`;
  }
  if (/persona generation/.test(prompt)) return ladderAnswer(prompt, h);
  return undefined;
}

/**
 * A persona-ladder answer (Li et al. 2025's generation prompts): "Persona:" then, when the prompt holds a JSON
 * template of `"FIELD": "<one of: a / b>"` or `"FIELD": "<description>"` entries, that template filled (a listed
 * value picked by hash, a short text for described fields); without a template, a short descriptive persona.
 */
export function ladderAnswer(prompt: string, h: string): string {
  const u = (salt: string): number => unit(salt, h);
  const marker = prompt.indexOf('### FINAL PERSONA TEMPLATE ###');
  const tail = marker >= 0 ? prompt.slice(marker) : '';
  const start = tail.indexOf('{');
  const end = tail.lastIndexOf('}');
  if (start >= 0 && end > start) {
    try {
      const template = JSON.parse(tail.slice(start, end + 1)) as Record<string, string>;
      const filled: Record<string, string> = {};
      for (const [name, spec] of Object.entries(template)) {
        const m = /^<one of: (.*)>$/.exec(spec);
        if (m) {
          const values = m[1]!.split(' / ');
          filled[name] = values[Math.floor(u(name) * values.length)]!;
        } else filled[name] = `${name.toLowerCase().replace(/_/g, ' ')} of this person`;
      }
      return `Persona: ${JSON.stringify(filled)}`;
    } catch {
      // not a template: fall through to a descriptive persona
    }
  }
  const pick = <T>(xs: readonly T[], salt: string): T => xs[Math.floor(u(salt) * xs.length)]!;
  return `Persona: My name is ${pick(FIRST, 'name')}. I grew up in ${pick(PLACES, 'place')}, and ${pick(EVENTS, 'event')}. What matters most to me is ${pick(VALUES, 'value')}.`;
}

/** A stated amount inside an option's range ("30-49" → 31, "$10,000 to $19,999" → $10,001), or undefined. */
function amountIn(option: string): string | undefined {
  const m = /^(\$?)(\d[\d,]*)/.exec(option.trim());
  if (!m) return undefined;
  const v = Number(m[2]!.replace(/,/g, '')) + 1;
  return m[1] ? `About $${v.toLocaleString('en-US')} a year.` : `I am ${v} years old.`;
}

/** One multiple-choice answer in a varied style for `pick` (plausible mode). */
function styledAnswer(pick: string, options: ReadonlyMap<string, string>, prompt: string, h: string): string {
  const option = options.get(pick) ?? '';
  if (/Was not mentioned/.test(prompt)) return `The essay does not say much about this. Answer: (${pick})`;
  const u = unit('styled', h);
  if (u < 0.5) return pick;
  if (u < 0.65) return `(${pick})`;
  if (u < 0.75) return `(${pick}) ${option}`;
  if (u < 0.85 && option !== '') return amountIn(option) ?? option;
  if (u < 0.9 && option !== '') return option;
  if (u < 0.96) return 'Hmm, that is a hard one to say.';
  return 'As an AI, I cannot answer that.';
}

/** Deterministic generation for one request body (chat or completions). */
export function generateAnswer(body: Record<string, unknown>, kind: 'chat' | 'completion', opts: { logprobs: boolean; n: 'support' | 'ignore' | 'reject'; contentFilter: boolean; plausible?: boolean }): Record<string, unknown> {
  const text = promptTextOf(body);
  const bodyHash = sha256(JSON.stringify(body));
  const letters = offeredLetters(text);
  const n = opts.n === 'support' && typeof body.n === 'number' ? Math.max(1, Math.min(128, body.n)) : 1;
  const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : 64;
  const wantLogprobs = opts.logprobs && (kind === 'chat' ? body.logprobs === true : typeof body.logprobs === 'number');
  const topK = kind === 'chat' ? (typeof body.top_logprobs === 'number' ? body.top_logprobs : 0) : typeof body.logprobs === 'number' ? body.logprobs : 0;
  const dist = testServerDistribution(text, letters);
  const top: Array<{ token: string; logprob: number }> = [];
  for (const l of letters) {
    const p = dist.letters[l] ?? 0;
    top.push({ token: l, logprob: Math.log(p * 0.8) }, { token: ` ${l}`, logprob: Math.log(p * 0.2) });
  }
  top.push({ token: 'Sure', logprob: Math.log(dist.leak * 0.6) }, { token: '**', logprob: Math.log(dist.leak * 0.4) });
  top.sort((a, b) => b.logprob - a.logprob);
  const topShown = top.slice(0, Math.max(0, Math.min(20, topK)));
  const choices: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    let content: string;
    let finish = 'stop';
    if (letters.length > 0) {
      let u = unit('pick', bodyHash, i) * (1 - dist.leak);
      let pick = letters[letters.length - 1]!;
      for (const l of letters) {
        u -= dist.letters[l] ?? 0;
        if (u < 0) {
          pick = l;
          break;
        }
      }
      content = pick;
      if (opts.plausible && maxTokens > 1) content = styledAnswer(pick, offeredOptions(text), text, `${bodyHash}:${i}`);
      else if (maxTokens > 1 && unit('style', bodyHash, i) < 0.3) content = `(${pick})`;
    } else if (opts.plausible && plausibleText(text, `${bodyHash}:${i}`) !== undefined) {
      content = plausibleText(text, `${bodyHash}:${i}`)!;
    } else {
      const words = ['The', 'answer', 'is', sha256(`${bodyHash}:${i}`).slice(0, 8), 'as', 'far', 'as', 'I', 'can', 'tell.'];
      const cut = Math.max(1, Math.min(words.length, maxTokens));
      content = words.slice(0, cut).join(' ');
      if (cut < words.length) finish = 'length';
    }
    if (opts.contentFilter) {
      content = '';
      finish = 'content_filter';
    }
    const firstToken = content.split(' ')[0] ?? '';
    const chosenLp = top.find((t) => t.token === firstToken.replace(/[()]/g, ''))?.logprob ?? -0.5;
    if (kind === 'chat') {
      choices.push({
        index: i,
        message: { role: 'assistant', content, refusal: null },
        logprobs: wantLogprobs ? { content: [{ token: firstToken, logprob: chosenLp, bytes: null, top_logprobs: topShown.map((t) => ({ ...t, bytes: null })) }], refusal: null } : null,
        finish_reason: finish,
      });
    } else {
      choices.push({
        index: i,
        text: content,
        logprobs: wantLogprobs
          ? { tokens: [firstToken], token_logprobs: [chosenLp], top_logprobs: [Object.fromEntries(topShown.map((t) => [t.token, t.logprob]))], text_offset: [0] }
          : null,
        finish_reason: finish,
      });
    }
  }
  const promptTokens = Math.ceil(text.length / 4);
  const completionTokens = opts.plausible ? choices.reduce((a, c) => a + Math.max(1, Math.ceil(String((c.message as { content?: string } | undefined)?.content ?? c.text ?? '').length / 4)), 0) : n;
  return {
    id: `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-${bodyHash.slice(0, 16)}`,
    object: kind === 'chat' ? 'chat.completion' : 'text_completion',
    created: 1_700_000_000,
    model: typeof body.model === 'string' ? body.model : 'unknown',
    system_fingerprint: 'fp_test',
    choices,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/** Splits a multipart/form-data body into its named parts. */
function parseMultipart(body: Buffer, contentType: string): Map<string, { filename?: string; data: Buffer }> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const parts = new Map<string, { filename?: string; data: Buffer }>();
  if (!m) return parts;
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  let pos = body.indexOf(boundary);
  while (pos >= 0) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) break;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) break;
    const data = body.subarray(headerEnd + 4, next - 2);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) parts.set(name, filename === undefined ? { data } : { filename, data });
    pos = next;
  }
  return parts;
}

/** The running fixture. Options may be changed between requests (e.g. `server.options.faults = {...}`). */
export class OpenAiTestServer {
  readonly log: LoggedRequest[] = [];
  readonly files = new Map<string, StoredFile>();
  readonly batches = new Map<string, StoredBatch>();
  private readonly attempts = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private seq = 0;
  private ids = 0;
  private failedFirst = 0;
  private server: http.Server | undefined;
  url = '';

  constructor(readonly options: TestServerOptions = {}) {}

  async start(): Promise<string> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 60_000;
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.options.port ?? 0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** How many times a body with this hash was received on a completion route. */
  timesSeen(bodyHash: string): number {
    return this.attempts.get(bodyHash) ?? 0;
  }

  private newId(prefix: string): string {
    return `${prefix}-${(++this.ids).toString(36).padStart(6, '0')}`;
  }

  private record(req: http.IncomingMessage, path: string, bodyHash: string, outcome: string, body: string): void {
    const entry: LoggedRequest = { seq: ++this.seq, method: req.method ?? '', path, bodyHash, outcome, authorization: req.headers.authorization, ...(this.options.logBodies ? { body } : {}) };
    this.log.push(entry);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\/v1/, '');
    const bodyHash = sha256(raw);
    const send = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
      const text = JSON.stringify(value);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    const apiError = (status: number, message: string, type: string, code: string | null = null, headers: Record<string, string> = {}): void =>
      send(status, { error: { message, type, param: null, code } }, headers);

    if (this.options.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      this.record(req, path, bodyHash, 'auth', '');
      return apiError(401, `Incorrect API key provided: ${(req.headers.authorization ?? '').replace(/^Bearer /, '')}.`, 'invalid_request_error', 'invalid_api_key');
    }
    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const first = this.options.failFirst;
    if (first !== undefined && this.failedFirst < first.count) {
      this.failedFirst++;
      this.record(req, path, bodyHash, `fail-first-${first.status}`, '');
      const headers: Record<string, string> = {};
      if (first.retryAfterMs !== undefined) headers['retry-after-ms'] = String(first.retryAfterMs);
      if (first.retryAfterSeconds !== undefined) headers['retry-after'] = String(first.retryAfterSeconds);
      return first.status === 429
        ? apiError(429, 'Rate limit reached.', 'requests', 'rate_limit_exceeded', headers)
        : apiError(first.status, 'The server is busy.', 'server_error', null, headers);
    }
    if (this.options.html === true) {
      this.record(req, path, bodyHash, 'html', '');
      const page = '<!doctype html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
      return void res.end(page);
    }

    if (req.method === 'GET' && path === '/models') {
      this.record(req, path, bodyHash, 'ok', '');
      const models = this.options.models ?? ['test-model', 'test-base-model'];
      return send(200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'test' })) });
    }
    if (req.method === 'POST' && (path === '/chat/completions' || path === '/completions')) {
      return this.completion(req, res, path, raw, bodyHash, send, apiError);
    }
    if (path === '/files' && req.method === 'POST') {
      const parts = parseMultipart(raw, req.headers['content-type'] ?? '');
      const file = parts.get('file');
      const purpose = parts.get('purpose')?.data.toString('utf8') ?? '';
      if (!file) return apiError(400, 'missing file', 'invalid_request_error');
      const stored: StoredFile = { id: this.newId('file'), filename: file.filename ?? 'upload.jsonl', purpose, bytes: Buffer.from(file.data), createdAt: 1_700_000_000 };
      this.files.set(stored.id, stored);
      this.record(req, path, bodyHash, 'ok', '');
      return send(200, this.fileObject(stored));
    }
    const fileMatch = /^\/files\/([^/]+)(\/content)?$/.exec(path);
    if (fileMatch && req.method === 'GET') {
      const f = this.files.get(fileMatch[1]!);
      this.record(req, path, bodyHash, f ? 'ok' : 'not-found', '');
      if (!f) return apiError(404, 'No such file', 'invalid_request_error');
      if (fileMatch[2] === undefined) return send(200, this.fileObject(f));
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.bytes.length });
      return void res.end(f.bytes);
    }
    if (path === '/batches' && req.method === 'POST') {
      const body = JSON.parse(raw.toString('utf8')) as { input_file_id?: string; endpoint?: string; completion_window?: string; metadata?: Record<string, string> };
      const input = body.input_file_id === undefined ? undefined : this.files.get(body.input_file_id);
      this.record(req, path, bodyHash, input ? 'ok' : 'not-found', '');
      if (!input) return apiError(400, 'input file not found', 'invalid_request_error');
      const lines = input.bytes.toString('utf8').split('\n').filter((l) => l.trim() !== '').length;
      const batch: StoredBatch = {
        id: this.newId('batch'),
        input_file_id: input.id,
        endpoint: body.endpoint ?? '/v1/chat/completions',
        completion_window: body.completion_window ?? '24h',
        status: 'validating',
        polls: 0,
        output_file_id: null,
        error_file_id: null,
        request_counts: { total: lines, completed: 0, failed: 0 },
        metadata: body.metadata ?? null,
        created_at: 1_700_000_000,
      };
      this.batches.set(batch.id, batch);
      return send(200, this.batchObject(batch));
    }
    const batchMatch = /^\/batches\/([^/]+)(\/cancel)?$/.exec(path);
    if (batchMatch) {
      const batch = this.batches.get(batchMatch[1]!);
      this.record(req, path, bodyHash, batch ? 'ok' : 'not-found', '');
      if (!batch) return apiError(404, 'No such batch', 'invalid_request_error');
      if (batchMatch[2] !== undefined && req.method === 'POST') {
        if (batch.status !== 'completed') batch.status = 'cancelled';
        return send(200, this.batchObject(batch));
      }
      this.advance(batch);
      return send(200, this.batchObject(batch));
    }
    this.record(req, path, bodyHash, 'not-found', '');
    return apiError(404, `no route ${req.method ?? ''} ${path}`, 'invalid_request_error');
  }

  private completion(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    raw: Buffer,
    bodyHash: string,
    send: (status: number, value: unknown, headers?: Record<string, string>) => void,
    apiError: (status: number, message: string, type: string, code?: string | null, headers?: Record<string, string>) => void,
  ): void {
    const attempt = (this.attempts.get(bodyHash) ?? 0) + 1;
    this.attempts.set(bodyHash, attempt);
    const text = raw.toString('utf8');
    const f = this.options.faults ?? {};
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.record(req, path, bodyHash, 'bad-json', text);
      return apiError(400, 'could not parse the JSON body', 'invalid_request_error');
    }
    // per-attempt faults: a retry of the same body may succeed
    const u = unit('fault', bodyHash, attempt);
    let edge = 0;
    const roll = (p: number | undefined): boolean => {
      if (p === undefined || p <= 0) return false;
      const hit = u >= edge && u < edge + p;
      edge += p;
      return hit;
    };
    const log = (outcome: string): void => this.record(req, path, bodyHash, outcome, text);
    if (roll(f.rateLimit)) {
      log('rate-limit');
      const headers: Record<string, string> = {};
      if (f.retryAfterMs !== undefined) headers['retry-after-ms'] = String(f.retryAfterMs);
      if (f.retryAfterSeconds !== undefined) headers['retry-after'] = String(f.retryAfterSeconds);
      return apiError(429, 'Rate limit reached.', 'requests', 'rate_limit_exceeded', headers);
    }
    if (roll(f.serverError)) return log('server-error'), apiError(500, 'The server had an error.', 'server_error');
    if (roll(f.unavailable)) return log('unavailable'), apiError(503, 'The engine is currently overloaded.', 'server_error');
    if (roll(f.reset)) {
      log('reset');
      req.socket.resetAndDestroy();
      return;
    }
    if (roll(f.hang)) {
      log('hang');
      return; // never answered; the socket is destroyed at close()
    }
    if (roll(f.malformed)) {
      log('malformed');
      const bad = '{"id": "chatcmpl-broken", "choices": [ <html>oops';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(bad) });
      return void res.end(bad);
    }
    if (roll(f.truncated)) {
      log('truncated');
      const full = JSON.stringify(generateAnswer(body, path === '/chat/completions' ? 'chat' : 'completion', { logprobs: this.options.logprobs ?? true, n: this.options.n ?? 'support', contentFilter: false }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(full) });
      res.write(full.slice(0, Math.floor(full.length / 2)));
      setImmediate(() => res.socket?.destroy());
      return;
    }
    // per-content faults: the same body fails every time
    if (f.badRequest !== undefined && unit('bad', bodyHash) < f.badRequest) return log('bad-request'), apiError(400, 'Invalid value for messages.', 'invalid_request_error', 'invalid_value');
    if (path === '/chat/completions' && typeof body.model === 'string' && (this.options.baseModels ?? []).includes(body.model)) {
      return log('not-chat'), apiError(404, 'This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?', 'invalid_request_error', 'model_not_supported');
    }
    const nMode = this.options.n ?? 'support';
    if (nMode === 'reject' && typeof body.n === 'number' && body.n > 1) return log('n-rejected'), apiError(400, "'n' is not supported", 'invalid_request_error', 'unsupported_parameter');
    const contentFilter = f.contentFilter !== undefined && unit('filter', bodyHash) < f.contentFilter;
    log(contentFilter ? 'content-filter' : 'ok');
    send(200, generateAnswer(body, path === '/chat/completions' ? 'chat' : 'completion', { logprobs: this.options.logprobs ?? true, n: nMode, contentFilter, plausible: this.options.plausible ?? false }));
  }

  private fileObject(f: StoredFile): Record<string, unknown> {
    return { id: f.id, object: 'file', bytes: f.bytes.length, created_at: f.createdAt, filename: f.filename, purpose: f.purpose, status: 'processed' };
  }

  private batchObject(b: StoredBatch): Record<string, unknown> {
    const { polls: _polls, ...rest } = b;
    return { object: 'batch', errors: null, ...rest };
  }

  /** Moves a batch one step through validating → in_progress → completed, producing its files at the end. */
  private advance(batch: StoredBatch): void {
    if (batch.status === 'completed' || batch.status === 'cancelled' || batch.status === 'failed') return;
    batch.polls++;
    if (batch.polls < (this.options.batchPolls ?? 2)) {
      batch.status = batch.polls === 1 ? 'in_progress' : batch.status;
      return;
    }
    const input = this.files.get(batch.input_file_id)!;
    const out: string[] = [];
    const errs: string[] = [];
    for (const line of input.bytes.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      const item = JSON.parse(line) as { custom_id: string; url: string; body: Record<string, unknown> };
      const key = `batch:${item.custom_id}`;
      const attempt = (this.attempts.get(key) ?? 0) + 1;
      this.attempts.set(key, attempt);
      const reqId = this.newId('batch_req');
      if (unit('batchfail', item.custom_id, attempt) < (this.options.faults?.batchLine ?? 0)) {
        errs.push(JSON.stringify({ id: reqId, custom_id: item.custom_id, response: { status_code: 500, request_id: reqId, body: { error: { message: 'server error', type: 'server_error' } } }, error: null }));
        continue;
      }
      const kind = item.url.endsWith('/chat/completions') ? 'chat' : 'completion';
      const answer = generateAnswer(item.body, kind, { logprobs: this.options.logprobs ?? true, n: this.options.n ?? 'support', contentFilter: false, plausible: this.options.plausible ?? false });
      out.push(JSON.stringify({ id: reqId, custom_id: item.custom_id, response: { status_code: 200, request_id: reqId, body: answer }, error: null }));
    }
    // output order is not input order
    out.reverse();
    const mk = (lines: string[], name: string): string => {
      const f: StoredFile = { id: this.newId('file'), filename: name, purpose: 'batch_output', bytes: Buffer.from(lines.map((l) => `${l}\n`).join('')), createdAt: 1_700_000_000 };
      this.files.set(f.id, f);
      return f.id;
    };
    batch.output_file_id = out.length > 0 ? mk(out, `${batch.id}_output.jsonl`) : null;
    batch.error_file_id = errs.length > 0 ? mk(errs, `${batch.id}_error.jsonl`) : null;
    batch.request_counts = { total: out.length + errs.length, completed: out.length, failed: errs.length };
    batch.status = 'completed';
  }
}

/** Starts a fixture server and resolves to it (its `url` is set). */
export async function startOpenAiTestServer(options: TestServerOptions = {}): Promise<OpenAiTestServer> {
  const server = new OpenAiTestServer(options);
  await server.start();
  return server;
}
