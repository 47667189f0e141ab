import type { Command } from 'commander';
import { defaultApiKeyEnv, publicBaseUrl, redactSecret } from '../../core/llm/endpointConfig';
import { LlmError } from '../../core/llm/llmError';
import { probeEndpoint } from '../../core/llm/probeEndpoint';
import { CliError, ExitCode } from '../cliError';
import { endpointClient } from '../endpointClient';
import type { CliContext } from '../cliContext';

interface TestOptions {
  endpoint: string;
  model?: string;
  apiKeyEnv: string;
  json?: boolean;
  timeout: string;
}

/** `persona-studio endpoint test`: lists the models and probes logprobs and n support. */
export function registerEndpoint(program: Command, ctx: CliContext): void {
  const endpoint = program.command('endpoint').description('Work with OpenAI-compatible endpoints.');
  endpoint
    .command('test')
    .description('Connect to an endpoint, list its models and find out by trying whether it supports logprobs and n.')
    .requiredOption('--endpoint <url>', 'base URL, with or without /v1')
    .option('--model <name>', 'model to probe (default: the first one listed)')
    .option('--api-key-env <var>', 'environment variable holding the API key', defaultApiKeyEnv)
    .option('--timeout <ms>', 'time limit per request', '30000')
    .option('--json', 'print {"models", "logprobs", "n"} as JSON')
    .action(async (opts: TestOptions) => {
      const { client, apiKey, baseUrl } = endpointClient(opts, Number(opts.timeout) || 30_000);
      try {
        const caps = await probeEndpoint(client, { ...(opts.model === undefined ? {} : { model: opts.model }), signal: ctx.signal });
        if (opts.json) {
          ctx.out(`${JSON.stringify({ models: caps.models, logprobs: caps.logprobs, n: caps.n })}\n`);
        } else {
          ctx.out(`${publicBaseUrl(baseUrl)}\n  models:   ${caps.models.join(', ') || '(none)'}\n  probed:   ${caps.model ?? '(no model)'}\n  logprobs: ${caps.logprobs ? 'yes' : 'no'}\n  n:        ${caps.n ? 'yes' : 'no'}\n`);
        }
      } catch (err) {
        if (!LlmError.is(err)) throw err;
        const hints: Partial<Record<typeof err.reason, string>> = {
          auth: ` (is the key in $${opts.apiKeyEnv} right?)`,
          connection: ' (is the server running, and are the host and port right?)',
          timeout: ` (no answer within ${opts.timeout} ms; raise --timeout for a slow server)`,
        };
        throw new CliError(redactSecret(`endpoint test of ${publicBaseUrl(baseUrl)} failed: ${err.reason}: ${err.message}${hints[err.reason] ?? ''}`, apiKey), ExitCode.problems);
      }
    });
}
