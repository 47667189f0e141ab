import path from 'node:path';
import { ANTHOLOGY, defaultSentence } from './anthologyPrompts';
import { toModelSettings, withModelOverrides, type ModelSettings } from './modelSettings';
import type {
  BackstoriesSpec, CensusSpec, DemographicSurveySpec, DemographicVariableSpec, GenerationSpec, ImportSpec, PersonaMethod, PersonaSpec, PreambleSpec, ProfileSpec,
} from './personaSpec';
import {
  isRecord, oneOf, optBoolean, optInteger, optOneOf, optRecord, optStop, optString, optStringList, record, string, stringList, type Json,
} from './readShape';
import { specHash, type SpecSource } from './specSource';

const METHODS: readonly PersonaMethod[] = [
  'anthology', 'demographics-primed', 'bio', 'qa', 'portray', 'meta', 'objective-tabular', 'subjective-tabular', 'descriptive', 'import',
];

/**
 * A validated persona spec → `PersonaSpec`: schema defaults filled in (inherited models included), paths
 * resolved against the folder of `specPath`. Throws `SpecModelError('invalid-spec')` naming the key when
 * the value does not have the schema's shape.
 */
export function toPersonaSpec(source: SpecSource, specPath: string): PersonaSpec {
  const abs = path.resolve(specPath);
  const dir = path.dirname(abs);
  const v = record(source.value, 'the persona spec');
  const name = string(v['name'], 'name');
  const method = oneOf(v['method'], METHODS, 'method');
  const model = isRecord(v['model']) ? toModelSettings(v['model'], 'model') : undefined;
  const description = optString(v['description'], 'description');
  const seed = optInteger(v['seed'], 'seed');
  const endpoint = optString(v['endpoint'], 'endpoint') ?? 'default';
  const backstories = v['backstories'] === undefined ? undefined : readBackstories(v['backstories'], dir, name);
  const demographics = v['demographics'] === undefined ? undefined : readDemographics(v['demographics'], model, endpoint);
  const profile = readProfile(v['profile'], method);
  const census = v['census'] === undefined ? undefined : readCensus(v['census'], dir);
  const generation = v['generation'] === undefined ? undefined : readGeneration(v['generation'], dir, name);
  const imported = v['import'] === undefined ? undefined : readImport(v['import'], dir);
  return {
    kind: 'persona',
    path: abs,
    hash: specHash(source.text),
    name,
    ...(description === undefined ? {} : { description }),
    method,
    endpoint,
    ...(model ? { model } : {}),
    ...(seed === undefined ? {} : { seed }),
    ...(backstories ? { backstories } : {}),
    ...(demographics ? { demographics } : {}),
    ...(profile ? { profile } : {}),
    ...(census ? { census } : {}),
    ...(generation ? { generation } : {}),
    ...(imported ? { import: imported } : {}),
    batch: optBoolean(v['batch'], 'batch') ?? false,
  };
}

function readBackstories(raw: unknown, dir: string, name: string): BackstoriesSpec {
  const r = record(raw, 'backstories');
  const count = optInteger(r['count'], 'backstories.count');
  const system = optString(r['system'], 'backstories.system');
  const stop = optStop(r['stop'], 'backstories.stop');
  const preamble = r['preamble'] === undefined ? undefined : readPreamble(r['preamble']);
  const output = optString(r['output'], 'backstories.output') ?? `${name}.backstories.jsonl`;
  return {
    ...(count === undefined ? {} : { count }),
    ...(system === undefined ? {} : { system }),
    ...(preamble ? { preamble } : {}),
    prompt: string(r['prompt'], 'backstories.prompt'),
    ...(stop ? { stop } : {}),
    min_tokens: optInteger(r['min_tokens'], 'backstories.min_tokens') ?? 0,
    output: path.resolve(dir, output),
  };
}

function readPreamble(raw: unknown): PreambleSpec {
  const r = record(raw, 'backstories.preamble');
  const accept = optString(r['accept'], 'backstories.preamble.accept');
  const stop = optStop(r['stop'], 'backstories.preamble.stop');
  return {
    prompt: string(r['prompt'], 'backstories.preamble.prompt'),
    ...(accept === undefined ? {} : { accept }),
    max_tokens: optInteger(r['max_tokens'], 'backstories.preamble.max_tokens') ?? 100,
    ...(stop ? { stop } : {}),
    max_attempts: optInteger(r['max_attempts'], 'backstories.preamble.max_attempts') ?? 20,
  };
}

function readDemographics(raw: unknown, topModel: ModelSettings | undefined, endpoint: string): DemographicSurveySpec {
  const r = record(raw, 'demographics');
  const model = isRecord(r['model'])
    ? toModelSettings(r['model'], 'demographics.model')
    : topModel && withModelOverrides(topModel, { max_tokens: ANTHOLOGY.answerMaxTokens, stop: ANTHOLOGY.demographicStop });
  const variables = Object.entries(record(r['variables'], 'demographics.variables')).map(([name, d]) => readVariable(name, d));
  const locatorRaw = optRecord(r['locator'], 'demographics.locator');
  let locator: DemographicSurveySpec['locator'];
  if (locatorRaw || variables.some((x) => x.locate)) {
    const lr: Json = locatorRaw ?? {};
    const locatorModel = isRecord(lr['model'])
      ? toModelSettings(lr['model'], 'demographics.locator.model')
      : model && withModelOverrides(model, { temperature: 0, api: 'chat' });
    locator = { endpoint: optString(lr['endpoint'], 'demographics.locator.endpoint') ?? endpoint, ...(locatorModel ? { model: locatorModel } : {}) };
  }
  return {
    samples: optInteger(r['samples'], 'demographics.samples') ?? 40,
    method: optOneOf(r['method'], ['sample', 'logprobs'] as const, 'demographics.method') ?? 'sample',
    ...(model ? { model } : {}),
    ...(locator ? { locator } : {}),
    template: optString(r['template'], 'demographics.template') ?? ANTHOLOGY.demographicTemplate,
    variables,
  };
}

function readVariable(name: string, raw: unknown): DemographicVariableSpec {
  const where = `demographics.variables.${name}`;
  const r = record(raw, where);
  const refused = optString(r['refused'], `${where}.refused`);
  return {
    name,
    question: string(r['question'], `${where}.question`),
    options: stringList(r['options'], `${where}.options`),
    ...(refused === undefined ? {} : { refused }),
    locate: optBoolean(r['locate'], `${where}.locate`) ?? false,
    sentence: optString(r['sentence'], `${where}.sentence`) ?? defaultSentence(name),
    topic: optString(r['topic'], `${where}.topic`) ?? name,
  };
}

/** The profile with defaults; present for the methods that write demographics as text, or when written. */
function readProfile(raw: unknown, method: PersonaMethod): ProfileSpec | undefined {
  const usesProfile = method === 'bio' || method === 'qa' || method === 'portray' || method === 'demographics-primed';
  if (raw === undefined && !usesProfile) return undefined;
  const r: Json = optRecord(raw, 'profile') ?? {};
  const fallbackStyle = method === 'bio' || method === 'qa' || method === 'portray' ? method : 'qa';
  const style = optOneOf(r['style'], ['bio', 'qa', 'portray'] as const, 'profile.style') ?? fallbackStyle;
  return {
    style,
    preamble: optString(r['preamble'], 'profile.preamble') ?? ANTHOLOGY.profilePreamble[style],
    item: optString(r['item'], 'profile.item') ?? ANTHOLOGY.profileItem,
    line: optString(r['line'], 'profile.line') ?? ANTHOLOGY.profileLine,
    separator: optString(r['separator'], 'profile.separator') ?? ANTHOLOGY.profileSeparator[style],
    shuffle: optBoolean(r['shuffle'], 'profile.shuffle') ?? true,
  };
}

function readCensus(raw: unknown, dir: string): CensusSpec {
  const r = record(raw, 'census');
  const marginals = optString(r['marginals'], 'census.marginals');
  const count = optInteger(r['count'], 'census.count');
  const region = optString(r['region'], 'census.region');
  return {
    ...(marginals === undefined ? {} : { marginals: path.resolve(dir, marginals) }),
    joint: (optStringList(r['joint'], 'census.joint') ?? []).map((p) => path.resolve(dir, p)),
    ...(count === undefined ? {} : { count }),
    ...(region === undefined ? {} : { region }),
    not_applicable: optString(r['not_applicable'], 'census.not_applicable') ?? 'Not Applicable',
  };
}

function readGeneration(raw: unknown, dir: string, name: string): GenerationSpec {
  const r = record(raw, 'generation');
  const system = optString(r['system'], 'generation.system');
  const fields: Record<string, readonly string[] | string> = {};
  for (const [k, f] of Object.entries(optRecord(r['fields'], 'generation.fields') ?? {})) {
    fields[k] = typeof f === 'string' ? f : stringList(f, `generation.fields.${k}`);
  }
  return {
    ...(system === undefined ? {} : { system }),
    prompt: string(r['prompt'], 'generation.prompt'),
    fields,
    response_prefix: optString(r['response_prefix'], 'generation.response_prefix') ?? 'Persona:',
    output: path.resolve(dir, optString(r['output'], 'generation.output') ?? `${name}.personas.jsonl`),
  };
}

function readImport(raw: unknown, dir: string): ImportSpec {
  const r = record(raw, 'import');
  const file = string(r['file'], 'import.file');
  const id = optString(r['id'], 'import.id');
  const text = optString(r['text'], 'import.text');
  const limit = optInteger(r['limit'], 'import.limit');
  const demographics: Record<string, string> = {};
  for (const [k, f] of Object.entries(optRecord(r['demographics'], 'import.demographics') ?? {})) demographics[k] = string(f, `import.demographics.${k}`);
  const format = optOneOf(r['format'], ['jsonl', 'csv', 'parquet'] as const, 'import.format');
  return {
    file: path.resolve(dir, file),
    ...(format === undefined ? {} : { format }),
    ...(id === undefined ? {} : { id }),
    ...(text === undefined ? {} : { text }),
    demographics,
    ...(limit === undefined ? {} : { limit }),
  };
}
