import type { MatchedPersona } from '../matching/matchBackstories';

/** Persona methods that write no backstories: each produces its personas directly (`personaMethods/`). */
export const DIRECT_METHODS = ['bio', 'qa', 'portray', 'meta', 'objective-tabular', 'subjective-tabular', 'descriptive', 'import'] as const;
export type DirectMethod = (typeof DIRECT_METHODS)[number];

export function isDirectMethod(method: string): method is DirectMethod {
  return (DIRECT_METHODS as readonly string[]).includes(method);
}

/**
 * One persona of a direct method as recorded in the run folder (`method-personas.jsonl`): its text, the seed it
 * came from (profile shuffle, census draw or generation seed), and for ladder layers the meta persona it was
 * generated from, the parsed fields and closed-value violations, or why it failed (a failed persona is recorded,
 * never dropped silently, and is not simulated).
 */
export interface MethodPersonaRecord {
  readonly id: string;
  readonly method: DirectMethod;
  readonly seed: number | null;
  readonly humanId?: string;
  readonly region?: string;
  readonly meta?: Readonly<Record<string, string>>;
  readonly given?: Readonly<Record<string, string>>;
  readonly text: string | null;
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly violations?: readonly string[];
  readonly failure?: { readonly reason: string; readonly detail: string };
  /** In a personas file: the hash of the settings the persona was made with (`directPersonas`), so a stale file is caught. */
  readonly settings?: string;
}

/** What a direct method hands the simulation: the personas to ask and the record of every persona (failed ones included). */
export interface MethodPersonas {
  readonly personas: MatchedPersona[];
  readonly records: MethodPersonaRecord[];
  readonly failed: number;
}

/** A record that succeeded, as the persona the simulation asks (no matching: no human, no appended block). */
export function unmatchedPersona(r: MethodPersonaRecord, demographics: Readonly<Record<string, string | null>>): MatchedPersona {
  return { personaId: r.id, backstoryId: r.id, demographics, block: '', text: r.text ?? '' };
}
