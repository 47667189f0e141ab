/**
 * A cost in US dollars for people to read: cents from $1 up (`$12.35`), and below that enough decimals for
 * two significant digits (`$0.50`, `$0.012`, `$0.00012`), so a run that costs a fraction of a cent never
 * shows as `$0.0000`. Zero is `$0.00`.
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return `$${usd}`;
  const abs = Math.abs(usd);
  if (abs === 0) return '$0.00';
  if (abs >= 1) return `${usd < 0 ? '-' : ''}$${abs.toFixed(2)}`;
  const decimals = Math.min(20, Math.max(2, 1 - Math.floor(Math.log10(abs))));
  return `${usd < 0 ? '-' : ''}$${abs.toFixed(decimals)}`;
}
