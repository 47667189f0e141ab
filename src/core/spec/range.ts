/** A zero-based position in a text document (line and UTF-16 column), as VS Code and LSP count. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range `[start, end)` in a text document. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}
