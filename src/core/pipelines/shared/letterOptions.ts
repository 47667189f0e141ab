import { letterLabels } from '../../llm/elicitation/letterLabels';

/** `(A) first\n(B) second` lines, the labels, and "(A), (B), or (C)" for a list of options in presented order. */
export function letterOptions(options: readonly string[]): { lines: string; labels: string[]; labelList: string } {
  const labels = letterLabels(options.length);
  const wrapped = labels.map((l) => `(${l})`);
  const labelList = wrapped.length <= 1 ? wrapped.join('') : wrapped.length === 2 ? `${wrapped[0]!} or ${wrapped[1]!}` : `${wrapped.slice(0, -1).join(', ')}, or ${wrapped[wrapped.length - 1]!}`;
  return { lines: options.map((o, i) => `${wrapped[i]!} ${o}`).join('\n'), labels, labelList };
}
