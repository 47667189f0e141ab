import type { SavValue, SavVariable } from './savTypes';

/**
 * True when `value` is missing for `variable`: system-missing (NaN), or one of the variable's declared user-missing
 * values or inside its missing range (PSPP "Variable Record", n_missing_values; the range is inclusive).
 * String values compare without trailing spaces, as SPSS compares space-padded values.
 */
export function isSavMissing(variable: SavVariable, value: SavValue): boolean {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return true;
    const r = variable.missing.range;
    if (r && value >= r.low && value <= r.high) return true;
  }
  return variable.missing.values.includes(value);
}
