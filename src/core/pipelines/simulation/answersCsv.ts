import type { PersonaResult } from './simulateSurvey';

const cell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * `answers.csv` of a run folder (src/core/runs/runRecord.ts): `persona_id`, then one column per question id in
 * spec order; canonical codes, an empty cell for a missing answer (refused, non-compliant, failed).
 */
export function answersCsv(questionIds: readonly string[], results: readonly PersonaResult[]): string {
  const lines = [['persona_id', ...questionIds].map(cell).join(',')];
  for (const r of results) lines.push([cell(r.personaId), ...questionIds.map((q) => (r.answers[q]?.code === undefined ? '' : String(r.answers[q]!.code)))].join(','));
  return `${lines.join('\n')}\n`;
}
