import path from 'node:path';
import { ANTHOLOGY } from './anthologyPrompts';
import { toModelSettings } from './modelSettings';
import {
  integer, invalid, isRecord, number, numberList, oneOf, optBoolean, optInteger, optMissingList, optNumber, optOneOf, optRecord, optString,
  optStringList, record, string, stringList, type Json,
} from './readShape';
import { specHash, type SpecModelOptions, type SpecSource } from './specSource';
import type {
  BaselineName, DemographicColumnSpec, DemographicRange, HumanDataSpec, MatchingSpec, MetricsSpec, SimulationSpec, SurveyQuestion, SurveyScale, SurveySpec, OutcomeSpec,
} from './surveySpec';

/**
 * A validated survey spec → `SurveySpec`: schema defaults filled in, paths resolved against the folder of
 * `specPath`. Throws `SpecModelError('invalid-spec')` naming the key when the value does not have the
 * schema's shape (call it only on a spec without schema errors).
 */
export function toSurveySpec(source: SpecSource, specPath: string, options: SpecModelOptions = {}): SurveySpec {
  const abs = path.resolve(specPath);
  const dir = path.dirname(abs);
  const v = record(source.value, 'the survey spec');
  const questions = readQuestions(v['questions'], options);
  const description = optString(v['description'], 'description');
  const personas = optString(v['personas'], 'personas');
  const human = v['human'] === undefined ? undefined : readHuman(v['human'], dir);
  return {
    kind: 'survey',
    path: abs,
    hash: specHash(source.text),
    name: string(v['name'], 'name'),
    ...(description === undefined ? {} : { description }),
    ...(personas === undefined ? {} : { personas: path.resolve(dir, personas) }),
    questions,
    scales: readScales(v['scales']),
    ...(human ? { human } : {}),
    matching: readMatching(v['matching']),
    simulation: readSimulation(v['simulation']),
    baselines: v['baselines'] === undefined
      ? ['uniform', 'demographic-cell']
      : stringList(v['baselines'], 'baselines').map((b, i) => oneOf(b, ['uniform', 'demographic-cell'] as const, `baselines[${i}]`) as BaselineName),
    metrics: readMetrics(v['metrics']),
    outcomes: readOutcomes(v['outcomes'], dir),
  };
}

function readOutcomes(raw: unknown, dir: string): OutcomeSpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) invalid('outcomes', 'a list of outcome studies');
  return raw.map((o: unknown, i) => {
    const r = record(o, `outcomes[${i}]`);
    const lean = record(r['lean'], `outcomes[${i}].lean`);
    const table = string(r['table'], `outcomes[${i}].table`);
    return {
      question: string(r['question'], `outcomes[${i}].question`),
      group: string(r['group'], `outcomes[${i}].group`),
      table: path.resolve(dir, table),
      tableWritten: table,
      lean: { toward: string(lean['toward'], `outcomes[${i}].lean.toward`), against: string(lean['against'], `outcomes[${i}].lean.against`) },
    };
  });
}

function readQuestions(raw: unknown, options: SpecModelOptions): SurveyQuestion[] {
  if (!Array.isArray(raw) || raw.length === 0) invalid('questions', 'a non-empty list of questions');
  return raw.map((q: unknown, index) => {
    const where = `questions[${index}]`;
    const r = record(q, where);
    const id = string(r['id'], `${where}.id`);
    const opts = stringList(r['options'], `${where}.options`);
    const template = optString(r['template'], `${where}.template`);
    const line = options.lineOf?.(['questions', index]);
    return {
      index,
      id,
      text: string(r['text'], `${where}.text`),
      type: optOneOf(r['type'], ['ordinal', 'nominal'] as const, `${where}.type`) ?? 'ordinal',
      options: opts,
      codes: r['codes'] === undefined ? opts.map((_, i) => i + 1) : numberList(r['codes'], `${where}.codes`),
      column: optString(r['column'], `${where}.column`) ?? id,
      ...(template === undefined ? {} : { template }),
      ...(line === undefined ? {} : { line }),
    };
  });
}

function readScales(raw: unknown): SurveyScale[] {
  const scales = optRecord(raw, 'scales') ?? {};
  return Object.entries(scales).map(([name, s]) => {
    const r = record(s, `scales.${name}`);
    const description = optString(r['description'], `scales.${name}.description`);
    return {
      name,
      items: stringList(r['items'], `scales.${name}.items`),
      reverse: optStringList(r['reverse'], `scales.${name}.reverse`) ?? [],
      ...(description === undefined ? {} : { description }),
    };
  });
}

function readHuman(raw: unknown, dir: string): HumanDataSpec {
  const r = record(raw, 'human');
  const data = string(r['data'], 'human.data');
  const id = optString(r['id'], 'human.id');
  const weight = optString(r['weight'], 'human.weight');
  const demographics = Object.entries(optRecord(r['demographics'], 'human.demographics') ?? {}).map(([name, d]) => readDemographic(name, d));
  return {
    data: path.resolve(dir, data),
    dataWritten: data,
    delimiter: optString(r['delimiter'], 'human.delimiter') ?? ',',
    ...(id === undefined ? {} : { id }),
    ...(weight === undefined ? {} : { weight }),
    missing: optMissingList(r['missing'], 'human.missing') ?? [''],
    demographics,
  };
}

function readDemographic(name: string, raw: unknown): DemographicColumnSpec {
  const where = `human.demographics.${name}`;
  const r = record(raw, where);
  const map = optRecord(r['map'], `${where}.map`);
  const harmonise = optRecord(r['harmonise'], `${where}.harmonise`);
  const ranges = r['ranges'] === undefined ? undefined : readRanges(r['ranges'], `${where}.ranges`);
  return {
    name,
    column: string(r['column'], `${where}.column`),
    ...(map ? { map: readMap(map, `${where}.map`) } : {}),
    ...(ranges ? { ranges } : {}),
    ...(harmonise ? { harmonise: Object.fromEntries(Object.entries(harmonise).map(([k, list]) => [k, stringList(list, `${where}.harmonise.${k}`)])) } : {}),
    missing: optMissingList(r['missing'], `${where}.missing`) ?? [''],
  };
}

function readMap(map: Json, where: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, c] of Object.entries(map)) out[k] = c === null ? null : string(c, `${where}.${k}`);
  return out;
}

function readRanges(raw: unknown, where: string): DemographicRange[] {
  if (!Array.isArray(raw)) invalid(where, 'a list of ranges');
  return raw.map((x: unknown, i) => {
    const r = record(x, `${where}[${i}]`);
    const c = r['category'];
    return { min: number(r['min'], `${where}[${i}].min`), max: number(r['max'], `${where}[${i}].max`), category: c === null ? null : string(c, `${where}[${i}].category`) };
  });
}

function readMatching(raw: unknown): MatchingSpec {
  const methods = ['greedy', 'max-weight', 'random', 'none'] as const;
  if (raw === undefined) return { method: 'greedy', append: 'qa', seed: 42 };
  if (typeof raw === 'string') return { method: oneOf(raw, methods, 'matching'), append: 'qa', seed: 42 };
  const r = record(raw, 'matching');
  const variables = optStringList(r['variables'], 'matching.variables');
  return {
    method: oneOf(r['method'], methods, 'matching.method'),
    ...(variables ? { variables } : {}),
    append: optOneOf(r['append'], ['qa', 'qa-freeform', 'bio', 'none'] as const, 'matching.append') ?? 'qa',
    seed: optInteger(r['seed'], 'matching.seed') ?? 42,
  };
}

function readSimulation(raw: unknown): SimulationSpec {
  const r: Json = optRecord(raw, 'simulation') ?? {};
  const order: Json = optRecord(r['order'], 'simulation.order') ?? {};
  const elicitation: Json = optRecord(r['elicitation'], 'simulation.elicitation') ?? {};
  const endpoint = optString(r['endpoint'], 'simulation.endpoint');
  const system = optString(r['system'], 'simulation.system');
  return {
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(isRecord(r['model']) ? { model: toModelSettings(r['model'], 'simulation.model') } : {}),
    mode: optOneOf(r['mode'], ['series', 'independent'] as const, 'simulation.mode') ?? 'series',
    consistency: optString(r['consistency'], 'simulation.consistency') ?? ANTHOLOGY.consistency,
    order: {
      questions: optOneOf(order['questions'], ['fixed', 'shuffle'] as const, 'simulation.order.questions') ?? 'shuffle',
      likert: optOneOf(order['likert'], ['forward', 'reverse-half'] as const, 'simulation.order.likert') ?? 'reverse-half',
      nominal: optOneOf(order['nominal'], ['fixed', 'shuffle'] as const, 'simulation.order.nominal') ?? 'shuffle',
    },
    elicitation: {
      method: optOneOf(elicitation['method'], ['sample', 'logprobs'] as const, 'simulation.elicitation.method') ?? 'sample',
      samples: optInteger(elicitation['samples'], 'simulation.elicitation.samples') ?? 1,
      max_reasks: optInteger(elicitation['max_reasks'], 'simulation.elicitation.max_reasks') ?? 100,
    },
    ...(system === undefined ? {} : { system }),
    template: optString(r['template'], 'simulation.template') ?? ANTHOLOGY.surveyTemplate,
    seed: optInteger(r['seed'], 'simulation.seed') ?? 0,
    batch: optBoolean(r['batch'], 'simulation.batch') ?? false,
  };
}

function readMetrics(raw: unknown): MetricsSpec {
  const r: Json = optRecord(raw, 'metrics') ?? {};
  const bounds: Json = optRecord(r['bounds'], 'metrics.bounds') ?? {};
  return {
    bounds: {
      splits: optInteger(bounds['splits'], 'metrics.bounds.splits') ?? 100,
      rule: optOneOf(bounds['rule'], ['sha256', 'seeded'] as const, 'metrics.bounds.rule') ?? 'sha256',
      seed: optInteger(bounds['seed'], 'metrics.bounds.seed') ?? 0,
    },
    bootstrap: r['bootstrap'] === undefined ? 1000 : integer(r['bootstrap'], 'metrics.bootstrap'),
    confidence: optNumber(r['confidence'], 'metrics.confidence') ?? 0.95,
    seed: optInteger(r['seed'], 'metrics.seed') ?? 0,
    subgroups: optStringList(r['subgroups'], 'metrics.subgroups') ?? [],
  };
}
