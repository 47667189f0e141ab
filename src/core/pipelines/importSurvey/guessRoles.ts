import type { ImportVariable } from './importDictionary';

/** A demographic variable proposed from a column name, with the reason shown in the spec. */
export interface ProposedDemographic {
  /** The spec's demographic variable name (use the persona spec's names). */
  readonly variable: string;
  readonly column: ImportVariable;
  readonly why: string;
}

/** The demographic variables looked for, with the column-name patterns that suggest them (Pew ATP `F_*` names included). */
const DEMOGRAPHICS: readonly { readonly variable: string; readonly pattern: RegExp; readonly what: string }[] = [
  { variable: 'age', pattern: /^(f_)?age(_?cat\d*|_?group|_?years|_?yrs|4|5|6|7)?$|^age_|_age$/i, what: 'age' },
  { variable: 'gender', pattern: /^(f_)?(sex|gender)(_.*)?$|^(resp_)?(sex|gender)$/i, what: 'sex/gender' },
  { variable: 'education', pattern: /^(f_)?educ(ation)?(_?cat\d*|_?level|_?attain.*)?$|^educ/i, what: 'education' },
  { variable: 'race', pattern: /^(f_)?(race|ethnic(ity)?|hisp(anic)?)(_?cmb|_?cat|_?eth.*)?$|^race/i, what: 'race/ethnicity' },
  { variable: 'income', pattern: /^(f_)?(income|inc|hh_?income|faminc)(_?cat\d*|_?tier|_?recode)?$|income/i, what: 'income' },
  { variable: 'party', pattern: /^(f_)?(party|partyid|pid\d*|partisan(ship)?)(_.*)?$|party/i, what: 'party identification' },
  { variable: 'region', pattern: /^(f_)?c?(region|census_?region|cregion|census_?div(ision)?)$|region/i, what: 'region' },
];

/**
 * Demographic columns proposed from common names (age, sex/gender, education, race, income, party, region): the first
 * matching variable for each, in file order. A weight or id column is never a demographic.
 */
export function proposeDemographics(variables: readonly ImportVariable[], exclude: ReadonlySet<string>): ProposedDemographic[] {
  const out: ProposedDemographic[] = [];
  const taken = new Set<string>();
  for (const d of DEMOGRAPHICS) {
    const hit = variables.find((v) => !exclude.has(v.name) && !taken.has(v.name) && d.pattern.test(v.name));
    if (!hit) continue;
    taken.add(hit.name);
    out.push({ variable: d.variable, column: hit, why: `the column name "${hit.name}" looks like ${d.what}` });
  }
  return out;
}

const WEIGHT_NAME = /^(weight|weights|wt|wgt|wts|pweight|finalwt|final_?weight|weight_?w\d+|wt_.*|.*_wt|.*_weight|weight_.*|wgt_.*)$/i;

/** The weight column: the one the file declares, else the first numeric, unlabelled column named like a weight. */
export function guessWeight(variables: readonly ImportVariable[], declared: string | undefined): { name: string; why: string } | undefined {
  if (declared !== undefined) return { name: declared, why: `the file names "${declared}" as its weight variable (SPSS WEIGHT BY)` };
  const hit = variables.find((v) => v.type === 'numeric' && v.valueLabels.length === 0 && WEIGHT_NAME.test(v.name));
  return hit ? { name: hit.name, why: `guessed from the column name "${hit.name}"; check that it is the survey weight, or delete this line` } : undefined;
}

const ID_NAME = /^(id|ids|resp_?id|respondent_?id(entifier)?|case_?id|caseid|qkey|record_?id|uid|pid_?resp|serial)$/i;

/** The respondent id column, guessed from its name. */
export function guessId(variables: readonly ImportVariable[]): ImportVariable | undefined {
  return variables.find((v) => ID_NAME.test(v.name));
}
