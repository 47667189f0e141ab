// The LLM engine's public surface, for the editor and the CLI. Everything here is plain data and
// functions; the network client comes from src/adapters/openai (`OpenAiLlmClient`).
//
// A run, as the editor or the CLI drives it:
//
//   const client = new OpenAiLlmClient({ baseUrl, apiKey });            // key from SecretStorage / env, never stored
//   const caps = await probeEndpoint(client, { model, signal });         // { models, logprobs, n }
//   const store = await openRunStore(runDir, { manifest: { specHash, endpoint: { name, baseUrl: publicBaseUrl(baseUrl), model },
//     params, seeds, versions } });                                      // manifest + journal + cache + lock + resume state
//   const estimate = await estimateRunCost(plan, { done: store.resume.answered, prices });
//   if (needsConfirmation(estimate, thresholdUsd)) { /* ask */ }
//   const summary = await runRequests({ client, journal: store.journal, cache: store.cache, requests: plan,
//     done: store.resume.answered, concurrency: 64, signal, onProgress, onOutcome });
//   store.close();   // summary: { total, answered, cached, skipped, failed, failedByReason, retried, cancelled, wasCancelled }
//
// Batch instead of live: `runBatch({ backend: client, requests: plan, manifestPath: store.manifestPath, journal, cache, done })`.
export type { ChatMessage, ChatRequest, CompletionRequest, LlmRequest, SamplingParams } from './llmRequest';
export type { FinishReason, LlmChoice, LlmResponse, LlmUsage, TokenLogprob, TopLogprob } from './llmResponse';
export { LlmError, isInfrastructureFailure, llmErrorReasons, type LlmErrorReason } from './llmError';
export type { CallOptions, LlmClient } from './llmClient';
export type { PlannedRequest } from './plannedRequest';
export { defaultApiKeyEnv, normalizeApiKey, normalizeBaseUrl, publicBaseUrl, redactSecret, resolveApiKey, type EndpointConfig } from './endpointConfig';
export { probeEndpoint, type EndpointCapabilities } from './probeEndpoint';
export { runRequests, type RequestOutcome, type RunCounts, type RunRequestsOptions, type RunSummary } from './runRequests';
export { estimateRunCost, needsConfirmation, type EstimateOptions, type RunEstimate } from './estimateRunCost';
export { defaultModelPrices, priceFor, type ModelPrice } from './modelPrices';
export { formatLetterQuestion, type LetterQuestionOptions } from './elicitation/formatLetterQuestion';
export { letterLabels } from './elicitation/letterLabels';
export { orList } from './elicitation/orList';
export { letterDistribution, letterDistributionOf, type LetterDistribution } from './elicitation/letterDistribution';
export { parseChoiceAnswer, type ChoiceParse } from './elicitation/parseChoiceAnswer';
export { planSamples } from './elicitation/planSamples';
export { emptyTally, tallyChoices, type ChoiceTally } from './elicitation/tallyChoices';
export { sampleChoice, type SampleChoiceOptions } from './elicitation/sampleChoice';
export type { BatchBackend, BatchJobStatus } from './batch/batchBackend';
export { buildBatchShards, type BatchShard } from './batch/buildBatchShards';
export { runBatch, type RunBatchOptions, type RunBatchSummary } from './batch/runBatch';
export { exportBatchFiles, importBatchOutput } from './batch/exportBatchFiles';
export { openRunStore, RunStoreError, type RunStore } from '../runStore/openRunStore';
