/** A column's raw values (trimmed field text) and how many data rows hold each. */
export interface ValueCounts {
  /** Trimmed field text → number of rows. Stops growing at `maxDistinct` distinct values. */
  readonly counts: ReadonlyMap<string, number>;
  /** True when the column had more distinct values than were kept. */
  readonly truncated: boolean;
}

/** How far a read has got (called once per chunk, about every megabyte). */
export interface TableProgress {
  readonly bytesRead: number;
  /** Size of the file, when known. */
  readonly totalBytes?: number;
  /** Data rows read so far. */
  readonly rows: number;
}

/** What to read from a table and how. Only the columns named here are materialised. */
export interface ReadTableOptions {
  /** Label used in error messages. @default the path (or '<csv>' for text) */
  readonly source?: string;
  /**
   * Field separator (one character), or 'auto': the most frequent of `,` `\t` `;` `|` outside quotes on the header
   * line (`,` when none occurs). A `.tsv` file defaults to a tab. @default 'auto'
   */
  readonly delimiter?: string;
  /** Numeric columns, parsed into Float64Array (NaN = missing). Each must exist. */
  readonly columns?: readonly string[];
  /** Numeric columns read when the header has them, skipped silently otherwise (e.g. an optional weight). */
  readonly optionalColumns?: readonly string[];
  /** Columns kept as raw text (trimmed, quotes removed), or 'all'. */
  readonly text?: readonly string[] | 'all';
  /** Columns whose distinct raw values are counted, or 'all' (the spec checks use this). */
  readonly counts?: readonly string[] | 'all';
  /** Distinct values kept per counted column. @default 2000 */
  readonly maxDistinct?: number;
  /**
   * Missing-value codes of numeric columns (the spec's `human.missing`). The empty field is always missing. A code is
   * matched against the trimmed field text, and a code that is itself a number also matches numerically
   * (`-99` matches `-99.0`). @default []
   */
  readonly missing?: readonly (string | number)[];
  /** Stops the read; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TableProgress) => void;
}

/** A read table: the header, the row count and the selected columns. */
export interface Table {
  readonly source: string;
  readonly format: 'csv' | 'sav';
  /** The field separator used ('' for a `.sav` file). */
  readonly delimiter: string;
  /** Every header name, trimmed, in file order. */
  readonly header: readonly string[];
  /** Number of data rows (blank lines are not rows). */
  readonly rows: number;
  /** Numeric columns (`columns` and the present `optionalColumns`), `rows` values each, NaN = missing. */
  readonly columns: ReadonlyMap<string, Float64Array>;
  /** Text columns (`text`), `rows` values each. */
  readonly text: ReadonlyMap<string, readonly string[]>;
  /** Value counts (`counts`). */
  readonly counts: ReadonlyMap<string, ValueCounts>;
  /** `lines[r]` = the 1-based file line where data row r starts (for a `.sav` file: the 1-based case number). */
  readonly lines: Int32Array;
}
