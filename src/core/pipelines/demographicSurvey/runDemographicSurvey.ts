import { letterDistributionOf } from '../../llm/elicitation/letterDistribution';
import { planSamples } from '../../llm/elicitation/planSamples';
import type { LlmRequest } from '../../llm/llmRequest';
import type { PlannedRequest } from '../../llm/plannedRequest';
import type { BackstoryRecord, DemographicEstimate, DemographicRecord } from '../backstories/backstoryRecord';
import { letterOptions } from '../shared/letterOptions';
import { promptRequest } from '../shared/modelSettings';
import { renderTemplate } from '../../specModel/templates/renderTemplate';
import { seedOf } from '../shared/seedOf';
import type { StageContext } from '../shared/stageContext';
import type { DemographicStageConfig, DemographicVariableSettings } from './demographicConfig';
import { LOCATOR_SYSTEM, locatorAnswer, locatorPrompt } from './locatorPrompt';
import { numericBin } from './numericBins';
import { parseDemographicAnswer } from './parseDemographicAnswer';

/** Totals of the demographic survey; per variable, `parsed + nonCompliant` = the samples counted. */
export interface DemographicSurveySummary {
  readonly backstories: number;
  readonly located: number;
  readonly sampled: number;
  readonly logprobs: number;
  /** Logprob requests that came back without log-probabilities and were sampled instead. */
  readonly logprobFallbacks: number;
  readonly samplesCounted: number;
  readonly nonCompliant: number;
  /** Requests that failed for good (their samples are missing, not counted anywhere). */
  readonly failedRequests: number;
}

interface Item {
  readonly backstory: BackstoryRecord;
  readonly variable: DemographicVariableSettings;
  readonly request: LlmRequest;
  readonly labels: readonly string[];
  readonly counts: number[];
  source: DemographicEstimate['source'];
  samples: number;
  want: number;
  next: number;
  retriedWithoutN: boolean;
}

/**
 * The demographic survey (Anthology §1.4): for every backstory and variable, the locator first where the variable
 * allows it (a one-hot answer when the backstory states the trait), otherwise `samples` sampled answers (with `n`
 * where the server honours it) parsed by label, option text or stated amount, or one first-token logprob request.
 * Counts go over the options plus a last non-compliant bucket (length K+1), as DemographicRecord says; the file
 * `<base>.demographics.jsonl` is written atomically. Resumes from the journal like every stage.
 */
export async function runDemographicSurvey(config: DemographicStageConfig, backstories: readonly BackstoryRecord[], ctx: StageContext): Promise<{ records: DemographicRecord[]; summary: DemographicSurveySummary }> {
  const sum = { backstories: backstories.length, located: 0, sampled: 0, logprobs: 0, logprobFallbacks: 0, samplesCounted: 0, nonCompliant: 0, failedRequests: 0 };
  const bins = new Map(config.variables.map((v) => [v.name, v.options.map(numericBin)] as const));
  const byBackstory = new Map<string, Map<string, Item>>();
  const progress = (): void => {
    const done = [...byBackstory.values()].filter((m) => [...m.values()].every((i) => i.want === 0)).length;
    ctx.onProgress?.({ stage: 'demographics', unit: 'backstories', done, total: backstories.length, requests: ctx.llm.counts });
  };
  const items: Item[] = [];
  for (const b of backstories) {
    const m = new Map<string, Item>();
    byBackstory.set(b.id, m);
    for (const v of config.variables) {
      const { lines, labels, labelList } = letterOptions(v.options);
      const prompt = renderTemplate(config.template, { backstory: b.passage ?? b.text, question: v.question, options: lines, labels: labelList, variable: v.name });
      const item: Item = { backstory: b, variable: v, request: promptRequest(config.model, prompt, config.model.params), labels, counts: new Array<number>(v.options.length + 1).fill(0), source: 'samples', samples: 0, want: config.samples, next: 0, retriedWithoutN: false };
      m.set(v.name, item);
      items.push(item);
    }
  }

  // 1. the locator, for variables that allow it
  let pending = items;
  if (config.locator) {
    const locate = items.filter((i) => i.variable.locate === true);
    const plan: PlannedRequest[] = locate.map((i) => {
      const { prompt } = locatorPrompt(i.backstory.passage ?? i.backstory.text, i.variable.topic ?? i.variable.name, i.variable.options, i.variable.refused);
      const model = config.locator!.model;
      return { id: `dm-${i.backstory.id}-${i.variable.name}-loc`, request: { kind: 'chat', model: model.name, messages: [{ role: 'system', content: LOCATOR_SYSTEM }, { role: 'user', content: prompt }], params: model.params } };
    });
    const answers = await (ctx.locatorLlm ?? ctx.llm).send(plan);
    locate.forEach((item, k) => {
      const response = answers.get(plan[k]!.id);
      if (!response) sum.failedRequests++;
      const shownCount = item.variable.options.filter((o) => o !== item.variable.refused).length + 1;
      const at = response ? locatorAnswer(response.choices[0]?.text ?? '', shownCount) : undefined;
      if (at === undefined || at === shownCount - 1) return;
      const option = item.variable.options.filter((o) => o !== item.variable.refused)[at]!;
      item.counts[item.variable.options.indexOf(option)] = 1;
      item.source = 'locator';
      item.samples = 1;
      item.want = 0;
      sum.located++;
    });
    pending = items.filter((i) => i.want > 0);
    progress();
  }

  // 2. first-token logprobs (one request each); no log-probabilities → sampled below
  if (config.method === 'logprobs') {
    const plan: PlannedRequest[] = pending.map((i) => {
      const id = `dm-${i.backstory.id}-${i.variable.name}-lp`;
      const { n: _n, ...params } = i.request.params;
      return { id, request: { ...i.request, params: { ...params, max_tokens: 1, logprobs: true, top_logprobs: 20, seed: seedOf(config.seed, id) } } };
    });
    const answers = await ctx.llm.send(plan);
    pending.forEach((item, k) => {
      const response = answers.get(plan[k]!.id);
      const dist = response ? letterDistributionOf(response, item.labels) : undefined;
      if (!response) {
        sum.failedRequests++;
        item.want = 0;
        return;
      }
      if (!dist) {
        sum.logprobFallbacks++;
        return;
      }
      (dist.probabilities ?? []).forEach((p, o) => (item.counts[o] = p * dist.letterMass));
      item.counts[item.counts.length - 1] = dist.nonCompliance;
      item.source = 'logprobs';
      item.samples = 1;
      item.want = 0;
      sum.logprobs++;
    });
    pending = pending.filter((i) => i.want > 0);
    progress();
  }

  // 3. sampling, with n where it works
  let useN = config.useN ?? true;
  while (pending.length > 0) {
    const plan: PlannedRequest[] = [];
    const owner: Item[] = [];
    for (const item of pending) {
      for (const p of planSamples(`dm-${item.backstory.id}-${item.variable.name}`, item.request, item.want, { supportsN: useN, firstSampleIndex: item.next })) {
        plan.push({ ...p, request: { ...p.request, params: { ...p.request.params, seed: seedOf(config.seed, p.id) } } });
        owner.push(item);
      }
      item.next += item.want;
      item.want = 0;
    }
    const answers = await ctx.llm.send(plan);
    let nFailed = false;
    plan.forEach((p, k) => {
      const item = owner[k]!;
      const asked = p.request.params.n ?? 1;
      const response = answers.get(p.id);
      if (!response && asked > 1 && !item.retriedWithoutN) {
        nFailed = true; // a server that rejects n: ask again one sample per call
        item.want += asked;
        return;
      }
      if (!response) {
        sum.failedRequests++;
        return;
      }
      const bucket = item.counts.length - 1;
      for (const choice of response.choices) {
        const parsed = choice.refusal !== undefined ? undefined : parseDemographicAnswer(choice.text, item.variable.options, item.labels, bins.get(item.variable.name)!, item.variable.refused === undefined ? undefined : item.variable.options.indexOf(item.variable.refused));
        item.counts[parsed ? parsed.index : bucket]! += 1;
        if (!parsed) sum.nonCompliant++;
        item.samples++;
        sum.samplesCounted++;
      }
      if (response.choices.length < asked && !item.retriedWithoutN) {
        nFailed = true; // a server that ignores n returned fewer choices
        item.want += asked - response.choices.length;
      }
    });
    if (nFailed) useN = false;
    pending = pending.filter((i) => {
      if (i.want > 0 && !i.retriedWithoutN) {
        i.retriedWithoutN = true;
        return true;
      }
      i.want = 0;
      return false;
    });
    progress();
  }
  sum.sampled = items.filter((i) => i.source === 'samples').length;

  const records: DemographicRecord[] = backstories.map((b) => ({
    id: b.id,
    variables: Object.fromEntries([...byBackstory.get(b.id)!.values()].map((i) => [i.variable.name, { counts: i.counts, source: i.source, samples: i.samples }])),
  }));
  await ctx.files.writeTextAtomic(config.outputPath, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  progress();
  return { records, summary: sum };
}
