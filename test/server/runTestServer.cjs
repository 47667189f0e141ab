#!/usr/bin/env node
// Standalone launcher of the OpenAI-compatible TEST FIXTURE server (127.0.0.1 only), for host tests and UI
// journeys: `node test/server/runTestServer.cjs [--port N] [--latency MS] [--faults '{"rateLimit":0.1}'] [--plausible]`.
// Prints one line: the base URL (ending in /v1). Stops on SIGINT/SIGTERM.
require('tsx/cjs/api').register();
const { startOpenAiTestServer } = require('./openAiTestServer.ts');

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const options = {};
if (arg('--port') !== undefined) options.port = Number(arg('--port'));
if (arg('--latency') !== undefined) options.latencyMs = Number(arg('--latency'));
if (arg('--faults') !== undefined) options.faults = JSON.parse(arg('--faults'));
if (arg('--api-key') !== undefined) options.apiKey = arg('--api-key');
if (args.includes('--no-logprobs')) options.logprobs = false;
if (args.includes('--plausible')) options.plausible = true;
if (arg('--n') !== undefined) options.n = arg('--n');

startOpenAiTestServer(options).then((server) => {
  process.stdout.write(`${server.url}/v1\n`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
