import { Document, isScalar, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { ImportError } from './ImportError';
import { guessId, guessWeight, proposeDemographics } from './guessRoles';
import { isDeclaredMissing, type ImportDictionary, type ImportVariable } from './importDictionary';

/** Options of {@link surveySpecDocument}. */
export interface SurveySpecOptions {
  /** `human.data` as written in the spec (a path relative to the spec's folder). */
  readonly dataPath: string;
  /** The spec's `name`. */
  readonly name: string;
  /** Variables left out before the import (e.g. not in the data file), listed with the others not imported. */
  readonly skipped?: readonly { readonly name: string; readonly why: string }[];
}

/** A written survey spec and what went into it. */
export interface ImportedSurveySpec {
  readonly text: string;
  readonly questions: readonly string[];
  readonly weight?: string;
  readonly demographics: readonly string[];
  /** Variables that did not become a question, with why. */
  readonly skipped: readonly { readonly name: string; readonly why: string }[];
}

const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Age bins used when an age column has no value labels (Pew ATP's F_AGECAT, and under 18). */
const AGE_BINS = [
  { min: 0, max: 17, category: 'under 18' },
  { min: 18, max: 29, category: '18-29' },
  { min: 30, max: 49, category: '30-49' },
  { min: 50, max: 64, category: '50-64' },
  { min: 65, max: 120, category: '65+' },
];

const codeText = (v: number | string): string => (typeof v === 'number' ? String(v) : v);
const shown = (v: ImportVariable, value: number | string): string => {
  const l = v.valueLabels.find((x) => x.value === value)?.label;
  return l ? `${codeText(value)} "${l}"` : codeText(value);
};

/** The non-missing value labels of a variable, in code order. */
function answerLabels(v: ImportVariable): { value: number | string; label: string }[] {
  return v.valueLabels.filter((l) => !isDeclaredMissing(v, l.value)).sort((a, b) => (typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : 0));
}

/**
 * Writes a survey spec for the variables of `dict` with the `yaml` Document API, every choice explained in a comment:
 * one question per numeric variable with at least two (non-missing) value labels (text from the variable label,
 * options and codes from the value labels), the declared missing codes in `human.missing`, the weight the file names
 * or one guessed from the column names, a respondent id, and demographics proposed from common column names.
 * @throws ImportError `noQuestions` when no variable can be a question (a spec needs at least one)
 */
export function surveySpecDocument(dict: ImportDictionary, options: SurveySpecOptions): ImportedSurveySpec {
  const vars = dict.variables;
  const weight = guessWeight(vars, dict.declaredWeight);
  const id = guessId(vars);
  const reserved = new Set<string>([...(weight ? [weight.name] : []), ...(id ? [id.name] : [])]);
  const demographics = proposeDemographics(vars, reserved);
  for (const d of demographics) reserved.add(d.column.name);

  const skipped: { name: string; why: string }[] = [...(options.skipped ?? [])];
  const questions: { v: ImportVariable; id: string; labels: { value: number | string; label: string }[] }[] = [];
  const ids = new Set<string>();
  for (const v of vars) {
    if (reserved.has(v.name)) continue;
    const labels = answerLabels(v);
    if (v.type === 'string') {
      skipped.push({ name: v.name, why: 'a string variable (question codes must be numbers)' });
      continue;
    }
    if (labels.length < 2) {
      skipped.push({ name: v.name, why: labels.length === 0 && v.valueLabels.length === 0 ? 'no value labels' : 'fewer than two answer labels' });
      continue;
    }
    let qid = ID_PATTERN.test(v.name) ? v.name : v.name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^([^A-Za-z_])/, '_$1');
    while (ids.has(qid)) qid = `${qid}_`;
    ids.add(qid);
    questions.push({ v, id: qid, labels });
  }
  if (questions.length === 0) {
    throw new ImportError('noQuestions', `${dict.description}: no variable has two or more value labels, so there is no closed question to import${skipped.length ? ` (${skipped.length} variables looked at)` : ''}`);
  }

  // Missing codes: one list for the whole spec, so a code goes in only where it is never a real answer elsewhere.
  const answerCodes = new Set<string>();
  for (const q of questions) for (const l of q.labels) answerCodes.add(codeText(l.value));
  const missingCodes: (number | string)[] = [];
  const conflicts: string[] = [];
  const ranges: string[] = [];
  for (const q of questions) {
    const m = q.v.missing;
    const listed = [...m.values];
    if (m.range) {
      const { low, high } = m.range;
      if (Number.isInteger(low) && Number.isInteger(high) && high - low <= 20) for (let c = low; c <= high; c++) listed.push(c);
      else {
        for (const l of q.v.valueLabels) if (typeof l.value === 'number' && l.value >= low && l.value <= high) listed.push(l.value);
        ranges.push(`${q.v.name}: ${low === -Infinity ? 'LO' : low} THRU ${high === Infinity ? 'HI' : high}`);
      }
    }
    for (const c of listed) {
      if (answerCodes.has(codeText(c))) conflicts.push(`${shown(q.v, c)} of ${q.v.name}`);
      else if (!missingCodes.some((x) => codeText(x) === codeText(c))) missingCodes.push(c);
    }
  }
  missingCodes.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : codeText(a).localeCompare(codeText(b))));

  const human: Record<string, unknown> = { data: options.dataPath };
  if (id) human.id = id.name;
  if (weight) human.weight = weight.name;
  human.missing = ['', ...missingCodes];
  if (demographics.length > 0) {
    human.demographics = Object.fromEntries(demographics.map((d) => [d.variable, demographicEntry(d.variable, d.column)]));
  }
  const spec = {
    name: options.name,
    description: `Imported from ${dict.description}. Review the questions, missing codes, weight and demographics, then add \`personas\`.`,
    human,
    questions: questions.map((q) => ({
      id: q.id,
      text: q.v.label ?? q.v.name,
      type: q.v.measure === 'nominal' ? 'nominal' : 'ordinal',
      options: uniqueOptions(q.labels),
      codes: q.labels.map((l) => l.value as number),
      ...(q.id !== q.v.name ? { column: q.v.name } : {}),
    })),
  };

  const doc = new Document(spec);
  doc.commentBefore = [
    ` Survey spec written by \`persona-studio import\` from ${dict.description}.`,
    ' Every choice the import made is explained in a comment; review them, then add `personas: <file>.persona.yaml`',
    ' to simulate this survey. `persona-studio validate` checks the spec against the data.',
  ].join('\n');
  const humanNode = doc.get('human', true) as YAMLMap;
  keyComment(humanNode, 'data', dict.missingAppliedByFile ? ' the data file; its declared user-missing values are read as missing' : ' the data file (CSV)');
  if (id) keyComment(humanNode, 'id', ` respondent id: guessed from the column name "${id.name}"`);
  if (weight) keyComment(humanNode, 'weight', ` weight: ${weight.why}`);
  const missingNote = [
    ' missing: the codes the file declares as user-missing (refusals, don\'t know, skipped), dropped per question',
    ...(dict.missingAppliedByFile ? [' (the .sav reader already reads them as missing; they are listed so the spec says so)'] : []),
    ...(conflicts.length ? [` not listed, because the same code is a real answer of another question: ${conflicts.slice(0, 8).join(', ')}${conflicts.length > 8 ? ', …' : ''}`] : []),
    ...(ranges.length ? [` ranges declared in the file (read as missing from the .sav): ${ranges.join('; ')}`] : []),
  ];
  keyComment(humanNode, 'missing', missingNote.join('\n'));
  flow(humanNode.get('missing', true) as unknown as YAMLSeq);
  if (demographics.length > 0) {
    const demoNode = humanNode.get('demographics', true) as unknown as YAMLMap;
    keyComment(humanNode, 'demographics', ' demographics proposed from common column names; rename each to the persona spec\'s variable name, or delete it');
    for (const d of demographics) {
      const how = d.column.valueLabels.length > 0 ? 'categories from its value labels (missing codes → null)' : d.variable === 'age' && d.column.type === 'numeric' ? 'ages binned as Pew ATP\'s F_AGECAT (edit the bins to the persona spec\'s options)' : 'the raw value is the category';
      const ranges = (demoNode.get(d.variable, true) as unknown as YAMLMap | undefined)?.get('ranges', true) as unknown as YAMLSeq | undefined;
      for (const r of ranges?.items ?? []) (r as YAMLMap).flow = true;
      keyComment(demoNode, d.variable, ` ${d.variable}: ${d.why}; ${how}${d.column.label ? ` — "${d.column.label}"` : ''}`);
    }
  }
  const qSeq = doc.get('questions', true) as YAMLSeq;
  questions.forEach((q, i) => {
    const node = qSeq.items[i] as YAMLMap;
    const notes = [
      q.v.label ? `${q.v.name}: text from its variable label` : `${q.v.name}: the file has no variable label; write the question wording`,
      q.v.measure === 'nominal' ? 'nominal (the file marks it nominal)' : `ordinal (${q.v.measure ? `the file marks it ${q.v.measure}` : 'the default'}; use nominal for unordered categories)`,
    ];
    const dropped = q.v.valueLabels.filter((l) => isDeclaredMissing(q.v, l.value));
    if (dropped.length) notes.push(`missing, so not an option: ${dropped.map((l) => shown(q.v, l.value)).join(', ')}`);
    node.commentBefore = ` ${notes.join('; ')}`;
    flow(node.get('codes', true) as unknown as YAMLSeq);
  });
  if (skipped.length > 0) {
    const list = skipped.slice(0, 40).map((s) => `   ${s.name}: ${s.why}`);
    doc.comment = [' Not imported as questions:', ...list, ...(skipped.length > 40 ? [`   … and ${skipped.length - 40} more`] : [])].join('\n');
  }
  return {
    text: doc.toString({ lineWidth: 120, flowCollectionPadding: false }),
    questions: questions.map((q) => q.id),
    ...(weight ? { weight: weight.name } : {}),
    demographics: demographics.map((d) => d.variable),
    skipped,
  };
}

function demographicEntry(variable: string, v: ImportVariable): Record<string, unknown> {
  if (v.valueLabels.length > 0 && v.measure !== 'scale') {
    const map: Record<string, string | null> = {};
    for (const l of v.valueLabels) map[codeText(l.value)] = isDeclaredMissing(v, l.value) || l.label.trim() === '' ? null : l.label.trim();
    return { column: v.name, map };
  }
  if (variable === 'age' && v.type === 'numeric' && v.valueLabels.length === 0) return { column: v.name, ranges: AGE_BINS };
  return { column: v.name };
}

/** Option texts: the labels, made unique (a repeated label gets its code) and never empty. */
function uniqueOptions(labels: readonly { value: number | string; label: string }[]): string[] {
  const count = new Map<string, number>();
  for (const l of labels) count.set(l.label.trim(), (count.get(l.label.trim()) ?? 0) + 1);
  return labels.map((l) => {
    const t = l.label.trim();
    return t === '' ? `Code ${codeText(l.value)}` : count.get(t)! > 1 ? `${t} (code ${codeText(l.value)})` : t;
  });
}

function keyComment(map: YAMLMap, key: string, comment: string): void {
  const pair = map.items.find((p: Pair) => isScalar(p.key) && (p.key as Scalar).value === key);
  if (pair) (pair.key as Scalar).commentBefore = comment;
}

function flow(seq: YAMLSeq | undefined): void {
  if (seq) seq.flow = true;
}
