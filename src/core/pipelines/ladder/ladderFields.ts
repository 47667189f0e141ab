/**
 * The templates an LLM fills for Li et al. (2025)'s tabular personas (seeds-methods.md §2.3, from the authors'
 * `Prompts/Persona_Generation/*`): the field names are theirs; closed value lists are given where the reference
 * quotes them, and every other field is described in words (a string), so the model is told what is expected
 * without us inventing a value list the paper did not use. A spec's `generation.fields` replaces these.
 */
export const OBJECTIVE_FIELDS: Readonly<Record<string, readonly string[] | string>> = {
  AGE: 'age in years, consistent with the metadata',
  SEX: 'as in the metadata',
  RACE: 'as in the metadata',
  STATE: 'as in the metadata',
  ANCESTRY: 'one ancestry',
  HOUSEHOLD_LANGUAGE: 'one language',
  EDUCATION: ['Less than HS', 'HS Graduate', 'Some College', "Bachelor's", 'Graduate Degree'],
  EMPLOYMENT_STATUS: 'one status, consistent with the metadata',
  CLASS_OF_WORKER: 'one class of worker',
  INDUSTRY_CATEGORY: 'one industry category',
  OCCUPATION_CATEGORY: 'one occupation category',
  INCOME: 'a value in $0–1,000,000',
  MARITAL_STATUS: 'as in the metadata',
  HOUSEHOLD_TYPE: 'as in the metadata',
  FAMILY_PRESENCE_AND_AGE: 'presence and age of own children',
  PLACE_OF_BIRTH: 'as in the metadata',
  CITIZENSHIP: 'as in the metadata',
  VETERAN_STATUS: 'as in the metadata',
  DISABILITY: ['None', 'Physical', 'Mental', 'Both'],
  HEALTH_INSURANCE: 'as in the metadata',
};

/** Objective fields plus the subjective ones (seeds-methods.md §2.3). */
export const SUBJECTIVE_FIELDS: Readonly<Record<string, readonly string[] | string>> = {
  ...OBJECTIVE_FIELDS,
  DETAILED_JOB_DESCRIPTION: 'reasonable and succinct description. Be as objective as possible.',
  BIG_FIVE_SCORES: 'openness, conscientiousness, extraversion, agreeableness, neuroticism',
  DEFINING_QUIRKS: 'reasonable and succinct description. Be as objective as possible.',
  MANNERISMS: 'reasonable and succinct description. Be as objective as possible.',
  PERSONAL_TIME: 'reasonable and succinct description. Be as objective as possible.',
  LIFESTYLE: 'reasonable and succinct description. Be as objective as possible.',
  IDEOLOGY: ['Very Liberal', 'Liberal', 'Moderate', 'Conservative', 'Very Conservative'],
  POLITICAL_VIEWS: ['Democrat', 'Republican', 'Independent', 'Other'],
  RELIGION: 'one religion or none',
  COGNITIVE_DIFFICULTY: 'yes or no',
  ABILITY_TO_SPEAK_ENGLISH: 'one level',
  VISION_DIFFICULTY: 'yes or no',
  FERTILITY: 'children born in the past 12 months, yes or no',
  HEARING_DIFFICULTY: 'yes or no',
};

/** The system message the authors share across persona types (quoted opening, seeds-methods.md §2.3). */
export const LADDER_SYSTEM_MESSAGE =
  'You are an AI assistant specialized in detailed and unbiased persona generation for opinion simulations.';
