/** One simulated answer of an outcome study: the persona's group (e.g. its state) and its choice. */
export interface OutcomeAnswer {
  readonly group: string;
  /** One of the question's options, or `undefined` for an invalid answer or an abstention. */
  readonly choice: string | undefined;
}

/** Options of {@link outcomeStudy}. */
export interface OutcomeStudyOptions {
  /** The question's options (e.g. candidates), in the order the spec lists them. */
  readonly options: readonly string[];
  readonly answers: readonly OutcomeAnswer[];
  /** Real outcome per group: option → share of the vote as a fraction in [0, 1]. Groups without one are not compared. */
  readonly real: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** The pair whose margin measures lean: positive lean = simulated margins more towards `toward` than real ones. */
  readonly lean: { readonly toward: string; readonly against: string };
}

export interface GroupOutcome {
  readonly group: string;
  /** Answers in the group, invalid ones included. */
  readonly n: number;
  /** Option → count / n. Invalid answers stay in the denominator (Li et al.'s "Invalid/Abstain"). */
  readonly shares: Readonly<Record<string, number>>;
  readonly invalid: number;
  readonly real: Readonly<Record<string, number>> | null;
  /** Option → simulated − real share; null without a real outcome. */
  readonly error: Readonly<Record<string, number>> | null;
  /** Option with the largest share; null on a tie (or no valid answer). */
  readonly winner: string | null;
  readonly realWinner: string | null;
  /** Whether the simulated winner differs from the real one; null when either is undefined. */
  readonly flipped: boolean | null;
  /** share(toward) − share(against), simulated and real. */
  readonly margin: number;
  readonly realMargin: number | null;
}

export interface OutcomeStudyResult {
  readonly groups: readonly GroupOutcome[];
  /** Groups with a real outcome and a defined winner on both sides. */
  readonly compared: number;
  readonly flips: number;
  /** Mean over compared groups and options of |simulated − real share|; null when no group is compared. */
  readonly meanAbsError: number | null;
  /** Mean over groups with a real outcome of (margin − realMargin): the overall lean towards `lean.toward`. */
  readonly lean: number | null;
}

function winnerOf(shares: Readonly<Record<string, number>>, options: readonly string[]): string | null {
  let best: string | null = null;
  let bestShare = -Infinity;
  let tie = false;
  for (const o of options) {
    const s = shares[o] ?? 0;
    if (s > bestShare) { best = o; bestShare = s; tie = false; } else if (s === bestShare) tie = true;
  }
  return tie || bestShare <= 0 ? null : best;
}

/**
 * The election experiment of Li et al. (2025), seeds-methods.md §2.4 and §4 item 16: simulated answer shares
 * per group (count / all answers of the group, invalid ones kept in the denominator), against the real
 * outcome: per-option error, winner and flip per group, the flip count, the mean absolute share error, and the
 * lean (mean signed margin error towards `lean.toward`; their finding is a lean towards the Democratic
 * candidate that grows with LLM-written persona content). Groups are reported in first-seen order.
 * @throws RangeError when a real share is outside [0, 1] (percentages must be divided by 100)
 */
export function outcomeStudy(options: OutcomeStudyOptions): OutcomeStudyResult {
  const counts = new Map<string, { n: number; invalid: number; byOption: Map<string, number> }>();
  const known = new Set(options.options);
  for (const a of options.answers) {
    let c = counts.get(a.group);
    if (!c) counts.set(a.group, (c = { n: 0, invalid: 0, byOption: new Map() }));
    c.n++;
    if (a.choice === undefined || !known.has(a.choice)) c.invalid++;
    else c.byOption.set(a.choice, (c.byOption.get(a.choice) ?? 0) + 1);
  }
  for (const [group, real] of options.real) {
    for (const [o, s] of Object.entries(real)) {
      if (!(s >= 0 && s <= 1)) throw new RangeError(`real share of ${o} in ${group} is ${s}; shares are fractions in [0, 1]`);
    }
  }
  const { toward, against } = options.lean;
  const groups: GroupOutcome[] = [];
  let flips = 0, compared = 0, absSum = 0, absN = 0, leanSum = 0, leanN = 0;
  for (const [group, c] of counts) {
    const shares: Record<string, number> = {};
    for (const o of options.options) shares[o] = (c.byOption.get(o) ?? 0) / c.n;
    const real = options.real.get(group) ?? null;
    const margin = shares[toward]! - shares[against]!;
    let error: Record<string, number> | null = null;
    let realMargin: number | null = null;
    let realWinner: string | null = null;
    let flipped: boolean | null = null;
    const winner = winnerOf(shares, options.options);
    if (real) {
      error = {};
      for (const o of options.options) {
        error[o] = shares[o]! - (real[o] ?? 0);
        absSum += Math.abs(error[o]);
        absN++;
      }
      realMargin = (real[toward] ?? 0) - (real[against] ?? 0);
      leanSum += margin - realMargin;
      leanN++;
      realWinner = winnerOf(real, options.options);
      if (winner !== null && realWinner !== null) {
        flipped = winner !== realWinner;
        compared++;
        if (flipped) flips++;
      }
    }
    groups.push({ group, n: c.n, shares, invalid: c.invalid / c.n, real, error, winner, realWinner, flipped, margin, realMargin });
  }
  return {
    groups,
    compared,
    flips,
    meanAbsError: absN > 0 ? absSum / absN : null,
    lean: leanN > 0 ? leanSum / leanN : null,
  };
}

/** One outcome study of a survey across its runs: per persona method (ladder rung), the study's result. */
export interface OutcomeStudyReport {
  readonly question: string;
  readonly group: string;
  readonly table: string;
  readonly lean: { readonly toward: string; readonly against: string };
  /** Method name → result, in the order the runs were given. */
  readonly methods: Readonly<Record<string, OutcomeStudyResult>>;
  /** Method name → personas left out because they have no value for `group`. */
  readonly ungrouped: Readonly<Record<string, number>>;
}
