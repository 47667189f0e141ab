import type { LlmResponse, TopLogprob } from '../llmResponse';

export interface LetterDistribution {
  /** Probability per offered letter, renormalised to sum to 1; `undefined` when no letter had any mass. */
  readonly probabilities: readonly number[] | undefined;
  /** The mass on the offered letters before renormalising (all token variants summed). */
  readonly letterMass: number;
  /** 1 − letterMass: what went to other tokens ("Sure", "**", refusals) or fell outside the top-k list. */
  readonly nonCompliance: number;
}

/** "A", " A", "(A", "A.", "**A**", "a" → "A"; anything else → undefined. */
export function normaliseLetterToken(token: string): string | undefined {
  const t = token.trim().replace(/^[*_("'[]+|[*_)"'.:\]]+$/g, '').toUpperCase();
  return /^[A-Z]$/.test(t) ? t : undefined;
}

/**
 * The answer distribution over `letters` from the first generated token's top log-probabilities: each
 * token variant of a letter adds its probability to that letter; the letters are renormalised and the
 * leftover mass is kept as a non-compliance figure.
 */
export function letterDistribution(top: readonly TopLogprob[], letters: readonly string[]): LetterDistribution {
  const index = new Map(letters.map((l, i) => [l.toUpperCase(), i]));
  const mass = letters.map(() => 0);
  for (const t of top) {
    const letter = normaliseLetterToken(t.token);
    const i = letter === undefined ? undefined : index.get(letter);
    if (i === undefined || !Number.isFinite(t.logprob)) continue;
    mass[i]! += Math.exp(t.logprob);
  }
  const letterMass = Math.min(1, mass.reduce((a, b) => a + b, 0));
  return {
    probabilities: letterMass > 0 ? mass.map((m) => m / mass.reduce((a, b) => a + b, 0)) : undefined,
    letterMass,
    nonCompliance: 1 - letterMass,
  };
}

/**
 * The letter distribution of a response's first choice at its first generated token, or `undefined` when
 * the server returned no log-probabilities (fall back to sampling then).
 */
export function letterDistributionOf(response: LlmResponse, letters: readonly string[]): LetterDistribution | undefined {
  const first = response.choices[0]?.logprobs?.[0];
  return first === undefined || first.top.length === 0 ? undefined : letterDistribution(first.top, letters);
}
