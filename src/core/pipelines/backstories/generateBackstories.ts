import type { LlmResponse } from '../../llm/llmResponse';
import type { PlannedRequest } from '../../llm/plannedRequest';
import { compileAcceptPattern } from '../../specModel/acceptPattern';
import { promptRequest } from '../shared/modelSettings';
import { renderTemplate } from '../../specModel/templates/renderTemplate';
import { seedOf } from '../shared/seedOf';
import type { StageContext } from '../shared/stageContext';
import type { BackstoryStageConfig } from './backstoryConfig';
import type { BackstoryRecord } from './backstoryRecord';
import { parseBackstoriesJsonl } from './readBackstories';

/** What happened to every generation, so the counts add up: `tries = accepted + short + duplicates + preambleRejected + failed`. */
export interface BackstoryGenerationSummary {
  readonly written: number;
  readonly wanted: number;
  /** The file already held enough backstories: nothing was generated. */
  readonly existing: boolean;
  readonly tries: number;
  readonly accepted: number;
  readonly short: number;
  readonly duplicates: number;
  /** Tries whose preamble was never accepted within `maxAttempts`. */
  readonly preambleRejected: number;
  /** Preamble samples not accepted (re-sampled). */
  readonly preambleResamples: number;
  /** Tries whose request failed for good. */
  readonly failed: number;
  /** Slots left empty after `maxTriesPerSlot` tries. */
  readonly emptySlots: number;
}

interface Try {
  readonly slot: number;
  readonly k: number;
  preambleAttempt: number;
  preambleAnswer?: string;
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Generated tokens of a one-sample answer: the server's count, else characters / 4. */
function generatedTokens(response: LlmResponse, text: string): number {
  return response.usage?.completionTokens ?? Math.ceil(text.length / 4);
}

/**
 * The backstory stage (Anthology §1.2/§1.3): for every slot, the preamble is sampled until its answer is
 * accepted, then the backstory question is asked in transcript form with the spec's sampling settings; answers
 * of `minTokens` tokens or fewer and duplicates are dropped and the slot tried again. Every request has a stable
 * id and its own seed, so a re-run resumes from the journal. Writes the JSONL atomically (one BackstoryRecord per
 * line, every request parameter kept) and returns what happened.
 */
export async function generateBackstories(config: BackstoryStageConfig, ctx: StageContext): Promise<{ records: BackstoryRecord[]; summary: BackstoryGenerationSummary }> {
  const slots = config.primed ? config.primed.length : config.count;
  const existingText = await ctx.files.readTextIfExists(config.outputPath);
  if (existingText !== undefined) {
    const existing = parseBackstoriesJsonl(existingText, config.outputPath);
    if (existing.length >= slots) {
      const s = { written: existing.length, wanted: slots, existing: true, tries: 0, accepted: 0, short: 0, duplicates: 0, preambleRejected: 0, preambleResamples: 0, failed: 0, emptySlots: 0 };
      return { records: existing, summary: s };
    }
  }
  const now = ctx.now ?? (() => new Date());
  const accept = config.preamble ? compileAcceptPattern(config.preamble.accept) : undefined;
  const maxTries = config.maxTriesPerSlot ?? 5;
  const maxPreamble = config.preamble?.maxAttempts ?? 20;
  const base = config.model.params;
  const accepted = new Map<number, BackstoryRecord>();
  const seen = new Map<string, number>();
  const counts = { tries: 0, short: 0, duplicates: 0, preambleRejected: 0, preambleResamples: 0, failed: 0 };
  let active: Try[] = Array.from({ length: slots }, (_, slot) => ({ slot, k: 0, preambleAttempt: 0 }));
  counts.tries = active.length;
  const tag = (t: Try): string => `bs-${t.slot}-${t.k}`;
  const backstoryPrompt = (t: Try): string => {
    const question = renderTemplate(config.prompt, { demographics: config.primed?.[t.slot]?.block ?? '' });
    return config.preamble ? `${config.preamble.prompt} ${t.preambleAnswer!}\n\n${question}` : question;
  };
  const retry = (t: Try, next: Try[]): void => {
    if (t.k + 1 < maxTries) {
      next.push({ slot: t.slot, k: t.k + 1, preambleAttempt: 0 });
      counts.tries++;
    }
  };

  while (active.length > 0) {
    const plan: PlannedRequest[] = [];
    for (const t of active) {
      if (config.preamble && t.preambleAnswer === undefined) {
        const id = `${tag(t)}-p${t.preambleAttempt}`;
        const p = config.preamble;
        const params = {
          ...base,
          ...(p.maxTokens === undefined ? {} : { max_tokens: p.maxTokens }),
          ...(p.stop === undefined ? {} : { stop: p.stop }),
          seed: seedOf(config.seed, id),
        };
        plan.push({ id, request: promptRequest(config.model, p.prompt, params, config.system) });
      } else {
        const id = `${tag(t)}-t`;
        plan.push({ id, request: promptRequest(config.model, backstoryPrompt(t), { ...base, seed: seedOf(config.seed, id) }, config.system) });
      }
    }
    const answers = await ctx.llm.send(plan);
    const next: Try[] = [];
    active.forEach((t, i) => {
      const planned = plan[i]!;
      const response = answers.get(planned.id);
      const choice = response?.choices[0];
      if (!response || !choice) {
        counts.failed++;
        retry(t, next);
        return;
      }
      const text = choice.text.trim();
      if (planned.id.endsWith('-t')) {
        if (generatedTokens(response, text) <= config.minTokens) {
          counts.short++;
          retry(t, next);
          return;
        }
        const key = normalise(text);
        if (seen.has(key)) {
          counts.duplicates++;
          retry(t, next);
          return;
        }
        seen.set(key, t.slot);
        const primed = config.primed?.[t.slot];
        accepted.set(t.slot, {
          id: `b${String(t.slot).padStart(6, '0')}`,
          text,
          passage: `${backstoryPrompt(t)} ${text}`,
          method: config.method,
          model: config.model.name,
          params: { api: config.model.api, ...planned.request.params, ...(config.preamble ? { preamble: { ...config.preamble } } : {}), ...(config.minTokens > 0 ? { min_tokens: config.minTokens } : {}) },
          tokens: generatedTokens(response, text),
          ...(choice.logprobs ? { logprob: choice.logprobs.reduce((a, l) => a + l.logprob, 0) } : {}),
          finishReason: choice.finishReason,
          ...(t.preambleAnswer === undefined ? {} : { preamble: t.preambleAnswer }),
          ...(primed ? { given: primed.given } : {}),
          seed: planned.request.params.seed!,
          createdAt: now().toISOString(),
        });
        return;
      }
      if (accept!.test(text)) {
        t.preambleAnswer = text;
        next.push(t);
      } else if (t.preambleAttempt + 1 < maxPreamble) {
        counts.preambleResamples++;
        t.preambleAttempt++;
        next.push(t);
      } else {
        counts.preambleResamples++;
        counts.preambleRejected++;
        retry(t, next);
      }
    });
    active = next;
    ctx.onProgress?.({ stage: 'backstories', unit: 'backstories', done: accepted.size, total: slots, requests: ctx.llm.counts });
  }
  const records = [...accepted.keys()].sort((a, b) => a - b).map((slot) => accepted.get(slot)!);
  await ctx.files.writeTextAtomic(config.outputPath, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return {
    records,
    summary: { written: records.length, wanted: slots, existing: false, accepted: records.length, emptySlots: slots - records.length, ...counts },
  };
}
