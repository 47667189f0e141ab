/** The labels A, B, C, … for `count` options (at most 26: each is one token in common tokenizers). */
export function optionLetters(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 26) throw new RangeError(`option letters need 1..26 options, got ${count}`);
  return Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
}

/** `{{options}}`: one `(A) option` line per option, in the order given (the presented order). */
export function optionLines(options: readonly string[]): string {
  const letters = optionLetters(options.length);
  return options.map((o, i) => `(${letters[i]!}) ${o}`).join('\n');
}

/** `{{labels}}`: "(A) or (B)", "(A), (B), or (C)" (Anthology's "Answer with …" list, serial comma). */
export function labelList(count: number): string {
  const labels = optionLetters(count).map((l) => `(${l})`);
  if (labels.length <= 1) return labels.join('');
  if (labels.length === 2) return `${labels[0]!} or ${labels[1]!}`;
  return `${labels.slice(0, -1).join(', ')}, or ${labels[labels.length - 1]!}`;
}
