import { letterDistributionOf } from '../../llm/elicitation/letterDistribution';
import { parseChoiceAnswer } from '../../llm/elicitation/parseChoiceAnswer';
import type { SamplingParams } from '../../llm/llmRequest';
import type { LlmResponse } from '../../llm/llmResponse';
import type { PlannedRequest } from '../../llm/plannedRequest';
import { createRandom } from '../../stats/createRandom';
import type { MatchedPersona } from '../matching/matchBackstories';
import { letterOptions } from '../shared/letterOptions';
import { promptRequest } from '../shared/modelSettings';
import { renderTemplate } from '../../specModel/templates/renderTemplate';
import { seedOf } from '../shared/seedOf';
import type { StageContext } from '../shared/stageContext';
import { presentationFor, type Presentation } from './presentation';
import { emptyQuestionCounts, type QuestionCounts } from './questionCounts';
import type { SimulationStageConfig } from './simulationConfig';

/** One persona's answer to one question, as recorded. */
export interface PersonaAnswer {
  readonly status: 'answered' | 'refused' | 'non-compliant' | 'failed';
  /** Canonical code (answered only). */
  readonly code?: number;
  /** The letter chosen, as shown to this persona. */
  readonly letter?: string;
  /** Samples taken (1 + re-asks); 0 for a logprob answer. */
  readonly samples: number;
  /** The last answer text the model gave. */
  readonly text?: string;
  /** Logprobs: probability per canonical option, and the mass outside the letters. */
  readonly distribution?: readonly number[];
  readonly nonCompliance?: number;
}

/** One persona's whole survey: its presentation and its answers by question id. */
export interface PersonaResult {
  readonly personaId: string;
  readonly backstoryId: string;
  readonly humanId?: string;
  readonly order: readonly string[];
  /** Question id → canonical option indices in shown order (the permutation, for audit). */
  readonly shown: Readonly<Record<string, readonly number[]>>;
  readonly answers: Readonly<Record<string, PersonaAnswer>>;
}

interface Slot {
  readonly p: number;
  readonly q: number;
  attempt: number;
  logprobs: boolean;
}

/**
 * The simulation stage (Anthology §1.7): every persona answers every question, in series (each question after
 * the earlier questions and answers, with the consistency sentence) or independently; per persona a seeded
 * question order and Likert forward/reversed (50/50) or shuffled nominal options, mapped back to canonical codes.
 * Elicitation by sampling with the parse ladder and up to `maxReasks` re-asks, or by first-token logprobs (a seeded
 * draw from the letter distribution) with a fallback to sampling when the server returns none. Refusals,
 * non-compliance and failures are counted per question. Requests have stable ids and seeds: a re-run resumes from
 * the journal and sends nothing already answered.
 */
export async function simulateSurvey(config: SimulationStageConfig, personas: readonly MatchedPersona[], ctx: StageContext): Promise<{ results: PersonaResult[]; counts: Record<string, QuestionCounts> }> {
  const Q = config.questions.length;
  const counts: Record<string, QuestionCounts> = Object.fromEntries(config.questions.map((q) => [q.id, emptyQuestionCounts(personas.length)]));
  const presentations: Presentation[] = personas.map((p) => presentationFor(config, p.personaId));
  const answers: Map<number, PersonaAnswer>[] = personas.map(() => new Map());
  const history: string[] = personas.map(() => '');
  const series = config.mode === 'series';
  const base: SamplingParams = config.model.params;
  const lpParams: SamplingParams = { ...base, max_tokens: 1, logprobs: true, top_logprobs: 20 };

  const parts = config.questions.map((q) => {
    const template = q.template ?? config.template;
    const at = template.indexOf('{{history}}');
    return at < 0 ? { head: '', tail: template, hasHistory: false } : { head: template.slice(0, at), tail: template.slice(at + '{{history}}'.length), hasHistory: true };
  });
  const values = (p: number): Record<string, string> => {
    const persona = personas[p]!;
    const v: Record<string, string> = { backstory: persona.text, demographics: persona.block, consistency: series ? `${config.consistency}\n` : '' };
    for (const [k, c] of Object.entries(persona.demographics)) v[`demographics.${k}`] = c ?? '';
    return v;
  };
  const personaValues = personas.map((_, p) => values(p));
  // one rendering per persona and question of the current group (the prompt, the parse and the history reuse it)
  const blocks = new Map<number, { text: string; labels: string[]; shownOptions: string[] }>();
  const questionBlock = (p: number, q: number): { text: string; labels: string[]; shownOptions: string[] } => {
    const memo = blocks.get(p * Q + q);
    if (memo) return memo;
    const question = config.questions[q]!;
    const shownOptions = presentations[p]!.shown[q]!.map((i) => question.options[i]!);
    const { lines, labels, labelList } = letterOptions(shownOptions);
    const text = renderTemplate(parts[q]!.tail, { ...personaValues[p]!, question: question.text, options: lines, labels: labelList, id: question.id });
    const block = { text, labels, shownOptions };
    blocks.set(p * Q + q, block);
    return block;
  };
  const promptOf = (p: number, q: number): string => {
    const part = parts[q]!;
    const block = questionBlock(p, q).text;
    if (!part.hasHistory) return block;
    return `${renderTemplate(part.head, { ...personaValues[p]!, id: config.questions[q]!.id })}${series ? history[p]! : ''}${block}`;
  };
  const idOf = (s: Slot): string => `sim-${s.p}-${config.questions[s.q]!.id}-${s.logprobs ? 'lp' : `a${s.attempt}`}`.slice(0, 64);
  const record = (s: Slot, answer: PersonaAnswer): void => {
    answers[s.p]!.set(s.q, answer);
    const c = counts[config.questions[s.q]!.id]!;
    if (answer.status === 'answered') c.answered++;
    else if (answer.status === 'refused') c.refused++;
    else if (answer.status === 'non-compliant') c.nonCompliant++;
    else c.failed++;
    if (series && answer.text !== undefined && parts[s.q]!.hasHistory) history[s.p] += `${questionBlock(s.p, s.q).text} ${answer.text}\n\n`;
  };
  let answeredPairs = 0;
  const progress = (): void => ctx.onProgress?.({ stage: 'simulation', unit: 'answers', done: answeredPairs, total: personas.length * Q, requests: ctx.llm.counts });

  // series: one group per position (each waits for the previous answer); independent: one group of everything
  const groups: number[][] = series ? Array.from({ length: Q }, (_, j) => [j]) : [Array.from({ length: Q }, (_, j) => j)];
  for (const positions of groups) {
    blocks.clear();
    let active: Slot[] = [];
    for (let p = 0; p < personas.length; p++) for (const j of positions) active.push({ p, q: presentations[p]!.order[j]!, attempt: 0, logprobs: config.elicitation.method === 'logprobs' });
    while (active.length > 0) {
      const plan: PlannedRequest[] = active.map((s) => {
        const id = idOf(s);
        return { id, request: promptRequest(config.model, promptOf(s.p, s.q), { ...(s.logprobs ? lpParams : base), seed: seedOf(config.seed, id) }, config.system) };
      });
      const got = await ctx.llm.send(plan);
      const next: Slot[] = [];
      active.forEach((s, i) => {
        const response: LlmResponse | undefined = got.get(plan[i]!.id);
        const question = config.questions[s.q]!;
        const c = counts[question.id]!;
        const { labels } = questionBlock(s.p, s.q);
        const shown = presentations[s.p]!.shown[s.q]!;
        if (!response || response.choices.length === 0) {
          record(s, { status: 'failed', samples: s.attempt + (s.logprobs ? 0 : 1) });
          return;
        }
        if (s.logprobs) {
          const dist = letterDistributionOf(response, labels);
          if (!dist?.probabilities) {
            c.logprobFallbacks++;
            next.push({ ...s, logprobs: false, attempt: 0 });
            return;
          }
          const u = createRandom(seedOf(config.seed, 'draw', s.p, question.id))();
          let k = dist.probabilities.length - 1;
          for (let acc = 0, m = 0; m < dist.probabilities.length; m++) {
            acc += dist.probabilities[m]!;
            if (u < acc) {
              k = m;
              break;
            }
          }
          const canonical = new Array<number>(shown.length).fill(0);
          dist.probabilities.forEach((pr, m) => (canonical[shown[m]!] = pr));
          c.via.logprobs++;
          record(s, { status: 'answered', code: question.codes[shown[k]!]!, letter: labels[k]!, samples: 0, text: `(${labels[k]!})`, distribution: canonical, nonCompliance: dist.nonCompliance });
          return;
        }
        const choice = response.choices[0]!;
        const text = choice.text.trim();
        const parse = choice.refusal !== undefined || choice.finishReason === 'content_filter' ? ({ kind: 'refusal' } as const) : parseChoiceAnswer(text, questionBlock(s.p, s.q).shownOptions, labels);
        if (parse.kind === 'answer') {
          c.via[parse.via]++;
          record(s, { status: 'answered', code: question.codes[shown[parse.index]!]!, letter: labels[parse.index]!, samples: s.attempt + 1, text });
        } else if (parse.kind === 'refusal') {
          record(s, { status: 'refused', samples: s.attempt + 1, text });
        } else if (s.attempt < config.elicitation.maxReasks) {
          c.reasks++;
          next.push({ ...s, attempt: s.attempt + 1 });
        } else {
          record(s, { status: 'non-compliant', samples: s.attempt + 1, text });
        }
      });
      answeredPairs += active.length - next.length;
      active = next;
      progress();
    }
  }

  const results: PersonaResult[] = personas.map((persona, p) => ({
    personaId: persona.personaId,
    backstoryId: persona.backstoryId,
    ...(persona.humanId === undefined ? {} : { humanId: persona.humanId }),
    order: presentations[p]!.order.map((q) => config.questions[q]!.id),
    shown: Object.fromEntries(config.questions.map((q, i) => [q.id, presentations[p]!.shown[i]!])),
    answers: Object.fromEntries(config.questions.map((q, i) => [q.id, answers[p]!.get(i)!])),
  }));
  return { results, counts };
}
