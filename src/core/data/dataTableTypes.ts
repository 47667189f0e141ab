/** A CSV table kept as text: a header and column-major fields ("" = missing). */
export interface DataTable {
  /** File name (or any label) used in error messages. */
  readonly source: string;
  readonly header: readonly string[];
  readonly nRows: number;
  /** `columns[c][r]` is the raw field of data row r (0-based) in column c. */
  readonly columns: readonly (readonly string[])[];
  /** `lines[r]` is the 1-based file line where data row r starts. */
  readonly lines: Int32Array;
}
