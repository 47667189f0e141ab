import type { Command } from 'commander';
import * as fs from 'node:fs';
import { defaultApiKeyEnv, publicBaseUrl, redactSecret } from '../../core/llm/endpointConfig';
import { LlmError, type LlmErrorReason } from '../../core/llm/llmError';
import { modelOfSpec, type SpecModel } from '../../core/llm/modelOfSpec';
import { modelApis, probeEndpoint, type ModelApi } from '../../core/llm/probeEndpoint';
import { parseSpec } from '../../core/spec/parseSpec';
import { specKindOf } from '../../core/spec/specKind';
import { CliError, ExitCode } from '../cliError';
import { endpointClient } from '../endpointClient';
import { parseIntegerOption, parseTimeoutOption } from '../parseOptions';
import type { CliContext } from '../cliContext';

interface TestOptions {
  endpoint: string;
  spec?: string;
  model?: string;
  api?: string;
  apiKeyEnv: string;
  json?: boolean;
  timeout: string;
  maxAttempts: string;
}

function parseApi(value: string | undefined): ModelApi | undefined {
  if (value === undefined) return undefined;
  if (!(modelApis as readonly string[]).includes(value)) throw new CliError(`--api expects chat or completions, got ${JSON.stringify(value)}`, ExitCode.badInput);
  return value as ModelApi;
}

/** The model and api of a spec file; an unreadable or broken spec is bad input. */
function readSpecModel(file: string): SpecModel {
  const kind = specKindOf(file);
  if (kind === undefined) throw new CliError(`--spec expects a *.persona.yaml or *.survey.yaml file, got ${file}`, ExitCode.badInput);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, ExitCode.badInput);
  }
  const parsed = parseSpec(text, kind);
  if (parsed.syntaxDiagnostics.length > 0) throw new CliError(`${file} has YAML errors: run persona-studio validate ${file} and fix them first`, ExitCode.badInput);
  const found = modelOfSpec(parsed.value);
  if (found.model === undefined) throw new CliError(`${file} names no model (model.name${kind === 'survey' ? ' under simulation' : ''})`, ExitCode.badInput);
  return found;
}

/** `persona-studio endpoint test`: lists the models and probes logprobs and n support. */
export function registerEndpoint(program: Command, ctx: CliContext): void {
  const endpoint = program.command('endpoint').description('Work with OpenAI-compatible endpoints.');
  endpoint
    .command('test')
    .description(
      'Connect to an endpoint, list its models and find out by trying whether it supports logprobs and n. Rate limits (429) and server errors (5xx) are retried as in a run before anything is reported.',
    )
    .requiredOption('--endpoint <url>', 'base URL, with or without /v1')
    .option('--spec <file>', "probe the model a spec uses (a persona spec's model, a survey's simulation.model) through its api")
    .option('--model <name>', 'model to probe (default: the spec\'s, else the first one listed)')
    .option('--api <api>', 'chat or completions (a base model needs completions; default: from the model name, else chat, falling back to completions when chat refuses the model)')
    .option('--api-key-env <var>', 'environment variable holding the API key', defaultApiKeyEnv)
    .option('--timeout <ms>', 'time limit per request, in milliseconds', '30000')
    .option('--max-attempts <n>', 'attempts per request for infrastructure failures (429, 5xx, timeouts, refused connections), as in a run', '6')
    .option('--json', 'print {"models", "model", "api", "logprobs", "n", "warnings"} as JSON')
    .action(async (opts: TestOptions, cmd: Command) => {
      const timeoutMs = parseTimeoutOption(opts.timeout);
      const maxAttempts = parseIntegerOption(opts.maxAttempts, '--max-attempts', 1, 1000);
      const fromSpec = opts.spec === undefined ? {} : readSpecModel(opts.spec);
      const api = parseApi(opts.api) ?? fromSpec.api;
      const model = opts.model ?? fromSpec.model;
      const { client, apiKey, baseUrl } = endpointClient(opts, cmd, timeoutMs);
      const redact = (text: string): string => redactSecret(text, [apiKey, process.env[opts.apiKeyEnv]]);
      try {
        const caps = await probeEndpoint(client, { ...(model === undefined ? {} : { model }), ...(api === undefined ? {} : { api }), timeoutMs, maxAttempts, signal: ctx.signal });
        // everything the server said is redacted before it is printed, the model names too
        const warnings = caps.warnings.map(redact);
        const models = caps.models.map(redact);
        if (opts.json) {
          ctx.out(`${JSON.stringify({ models, model: caps.model ?? null, api: caps.api ?? null, logprobs: caps.logprobs, n: caps.n, warnings })}\n`);
        } else {
          const probed = caps.model === undefined ? '(no model)' : `${caps.model} (${caps.api === 'completions' ? 'completions API' : 'chat API'})`;
          ctx.out(`${publicBaseUrl(baseUrl)}\n  models:   ${models.join(', ') || '(none)'}\n  probed:   ${probed}\n  logprobs: ${caps.logprobs ? 'yes' : 'no'}\n  n:        ${caps.n ? 'yes' : 'no'}\n`);
        }
        for (const w of warnings) ctx.err(`persona-studio: warning: ${w}\n`);
      } catch (err) {
        if (!LlmError.is(err)) throw err;
        const hints: Partial<Record<LlmErrorReason, string>> = {
          auth: ` (is the key in $${opts.apiKeyEnv} right?)`,
          connection: ' (is the server running, and are the host and port right?)',
          timeout: ' (raise --timeout for a slow server)',
          unparseable: ' (the server answered, but not as the OpenAI API does: is this an OpenAI-compatible endpoint?)',
          'rate-limited': ' (still rate limited after every retry; try again later)',
        };
        throw new CliError(redact(`endpoint test of ${publicBaseUrl(baseUrl)} failed: ${err.reason}: ${err.message}${hints[err.reason] ?? ''}`), ExitCode.problems);
      }
    });
}
