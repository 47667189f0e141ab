import type { MetricCell } from '../../protocol/resultsPanel';

/** A metric for display: 3 significant decimals, or an en dash when it was not measured. */
export const fmt = (v: number | null | undefined, digits = 3): string => (v === null || v === undefined ? '–' : v.toFixed(digits));
export const fmtSigned = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined ? '–' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(digits)}`);
export const fmtPercent = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
export const fmtCell = (c: MetricCell): string => (c.value === null ? '–' : c.interval ? `${fmt(c.value)} [${fmt(c.interval[0])}, ${fmt(c.interval[1])}]` : fmt(c.value));
/** A file-name-safe stem. */
export const fileStem = (s: string): string => s.replace(/[^\w .()-]+/g, '-').slice(0, 100) || 'chart';
