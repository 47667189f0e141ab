import type { DemographicColumnSpec } from './surveySpec';

/**
 * The category of one raw human-data field for a demographic variable, or `null` for missing/refused:
 * - a field listed in the variable's `missing` (default: the empty field) → `null`;
 * - with `map`: the mapped category (`null` when mapped to null); a field the map does not list → `null`
 *   (it cannot be matched to a persona option, so it counts as unknown);
 * - with `ranges`: the category of the first inclusive range holding the number; no range or not a
 *   number → `null`;
 * - otherwise the raw field itself.
 * Fields are compared as written in the file (after trimming surrounding spaces).
 */
export function demographicCategory(spec: DemographicColumnSpec, raw: string): string | null {
  const field = raw.trim();
  if (spec.missing.includes(field)) return null;
  if (spec.map) {
    const c = Object.prototype.hasOwnProperty.call(spec.map, field) ? spec.map[field] : undefined;
    return c ?? null;
  }
  if (spec.ranges) {
    if (field === '') return null;
    const x = Number(field);
    if (!Number.isFinite(x)) return null;
    for (const r of spec.ranges) if (x >= r.min && x <= r.max) return r.category;
    return null;
  }
  return field;
}
