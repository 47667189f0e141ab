/** The labels A, B, C, … for `count` options (at most 26: each is one token in OpenAI's encodings). */
export function letterLabels(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 26) throw new RangeError(`letter labels need 1..26 options, got ${count}`);
  return Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
}
