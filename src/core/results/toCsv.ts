/** A table cell: text, a number, or empty. */
export type CsvCell = string | number | null;

/**
 * RFC 4180 CSV (CRLF line ends, quotes doubled, fields with `,` `"` CR LF quoted). Text cells that a spreadsheet
 * would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a leading `'` (OWASP "CSV Injection");
 * numbers are written as numbers, so a negative drift stays a number. Null is an empty cell.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const field = (c: CsvCell): string => {
    if (c === null) return '';
    let s = typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '') : /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
    if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
    return s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
