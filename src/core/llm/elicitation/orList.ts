/** "(A)", "(A) or (B)", "(A), (B), or (C)": a list joined the way Anthology's answer-forcing line reads. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]!} or ${items[1]!}`;
  return `${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]!}`;
}
