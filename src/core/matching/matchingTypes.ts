/**
 * Humans' categories: `categories[l][h]` is human h's category index (0-based) on variable l, or −1 when the answer
 * is missing or refused.
 */
export type HumanCategories = readonly Int32Array[];

/**
 * Personas' distributions, one per variable l: `probabilities` is row-major `nPersonas × nCategories`, already
 * cleaned and harmonised to the human survey's categories (see {@link cleanPersonaDistribution},
 * {@link harmonizeDistribution}).
 */
export interface PersonaVariable {
  readonly nCategories: number;
  readonly probabilities: Float64Array;
}
