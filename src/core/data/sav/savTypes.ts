/** A value of a `.sav` variable: a number (NaN = system-missing) or a string (trailing spaces removed). */
export type SavValue = number | string;

/** How the case data is stored (file header `compression`): 0 none, 1 bytecode, 2 zlib (ZSAV, `$FL3`). */
export type SavCompression = 'none' | 'bytecode' | 'zlib';

/** A variable's declared user-missing values (PSPP "Variable Record": up to 3 discrete values, or a range and 1 value). */
export interface SavMissing {
  /** Discrete missing values: numbers, or strings without trailing spaces. */
  readonly values: readonly SavValue[];
  /** Inclusive numeric range; `LO THRU x` has low = -Infinity, `x THRU HI` high = +Infinity. */
  readonly range?: { readonly low: number; readonly high: number };
}

/** A print or write format: type code (5 = F, 1 = A, …; PSPP "Variable Record"), field width and decimals. */
export interface SavFormat {
  readonly type: number;
  readonly width: number;
  readonly decimals: number;
}

/** One value label: the value (number, or string without trailing spaces) and its label. */
export interface SavValueLabel {
  readonly value: SavValue;
  readonly label: string;
}

/** A variable of the dictionary (a very long string's segments merged into one). */
export interface SavVariable {
  /** The variable name (the long name when the file has one, else the short name). */
  readonly name: string;
  /** The 8-byte short name of the variable record. */
  readonly shortName: string;
  readonly type: 'numeric' | 'string';
  /** String width in bytes (0 for numeric). */
  readonly width: number;
  /** Variable label, if any. */
  readonly label?: string;
  readonly valueLabels: readonly SavValueLabel[];
  /** Declared user-missing values (empty `values` and no `range` when none). */
  readonly missing: SavMissing;
  readonly printFormat: SavFormat;
  /** Measurement level from the display-parameter record, when the file has it. */
  readonly measure?: 'nominal' | 'ordinal' | 'scale';
}

/** Everything before the case data: the file header and the dictionary records. */
export interface SavDictionary {
  /** File name used in messages. */
  readonly source: string;
  /** Product string of the header (e.g. "@(#) SPSS DATA FILE GNU pspp 1.6.2 - …"), trailing spaces removed. */
  readonly product: string;
  readonly fileLabel: string;
  readonly creationDate: string;
  readonly compression: SavCompression;
  /** Compression bias (normally 100). */
  readonly bias: number;
  /** Case count from the header (or the 64-bit count record); undefined when the file does not say. */
  readonly caseCount?: number;
  readonly variables: readonly SavVariable[];
  /** Name of the weight variable (header `weight_index`), if the file is weighted. */
  readonly weight?: string;
  /** Character encoding used to decode names, labels and string values (a WHATWG encoding label). */
  readonly encoding: string;
  /** Lines of the document record(s), trailing spaces removed. */
  readonly documents: readonly string[];
  readonly littleEndian: boolean;
  /** Things read but not understood or repaired (one line each); the data is still read. */
  readonly warnings: readonly string[];
}
