import type { OutcomeStudyReport } from './outcomeStudy';

/** Persona methods by how much of the persona an LLM wrote (Li et al. 2025's ladder), for the drift warning. */
const LADDER_ORDER = ['meta', 'objective-tabular', 'subjective-tabular', 'descriptive'];

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const signed = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} pts`);

/**
 * The warning Li et al. (2025) make the case for (seeds-methods.md §2.5, §4 item 16): the lean towards `toward`
 * grows as more of the persona is LLM-written. Undefined when fewer than two ladder rungs were measured or the
 * lean does not grow from the least to the most LLM-written rung.
 */
export function leanDriftWarning(report: OutcomeStudyReport): string | undefined {
  const rungs = LADDER_ORDER.filter((m) => report.methods[m]?.lean !== null && report.methods[m]?.lean !== undefined);
  if (rungs.length < 2) return undefined;
  const first = report.methods[rungs[0]!]!.lean!;
  const last = report.methods[rungs[rungs.length - 1]!]!.lean!;
  if (!(last > first)) return undefined;
  const steps = rungs.map((m) => `${m} ${signed(report.methods[m]!.lean)}`).join(' → ');
  return `warning: the lean towards ${report.lean.toward} grows with LLM-written persona content (${steps}); Li et al. (2025) report this drift. Read the LLM-written layers' outcomes with it in mind.`;
}

/**
 * An outcome study as text: per group, each method's share of `toward` and its error against the real share,
 * with `*` marking a flipped winner; then per method the flips, the mean absolute share error and the lean; then
 * the drift warning when it applies.
 */
export function formatOutcomeStudy(report: OutcomeStudyReport): string {
  const methods = Object.keys(report.methods);
  const lines = [`outcome study: ${report.question} by ${report.group} against ${report.table} (share of ${report.lean.toward}; error vs real; * = winner flipped)`];
  const groups: string[] = [];
  for (const m of methods) for (const g of report.methods[m]!.groups) if (!groups.includes(g.group)) groups.push(g.group);
  lines.push(['  group', 'real', ...methods].join('\t'));
  for (const group of groups) {
    const cells = methods.map((m) => {
      const g = report.methods[m]!.groups.find((x) => x.group === group);
      if (!g) return '—';
      return `${pct(g.shares[report.lean.toward])} (${signed(g.error?.[report.lean.toward])})${g.flipped ? ' *' : ''}`;
    });
    const real = methods.map((m) => report.methods[m]!.groups.find((x) => x.group === group)?.real?.[report.lean.toward]).find((v) => v !== undefined);
    lines.push([`  ${group}`, pct(real), ...cells].join('\t'));
  }
  for (const m of methods) {
    const r = report.methods[m]!;
    const left = report.ungrouped[m] ?? 0;
    lines.push(`  ${m}: ${r.flips} of ${r.compared} groups flipped; mean abs share error ${pct(r.meanAbsError)}; lean towards ${report.lean.toward} ${signed(r.lean)}${left > 0 ? `; ${left} personas without ${report.group} left out` : ''}`);
  }
  const warning = leanDriftWarning(report);
  if (warning) lines.push(warning);
  return `${lines.join('\n')}\n`;
}
