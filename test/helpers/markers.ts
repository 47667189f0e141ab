import type { Position, Range } from '../../src/core/spec/range';

/**
 * Strips test markers from `marked` and returns where they were: `‸` marks a cursor position and
 * `«…»` marks a range, in order of appearance (caret-marker tests, as yaml-language-server does).
 */
export function markers(marked: string): { text: string; carets: Position[]; ranges: Range[] } {
  let text = '';
  let line = 0;
  let character = 0;
  const carets: Position[] = [];
  const ranges: Range[] = [];
  const open: Position[] = [];
  for (const ch of marked) {
    if (ch === '‸') carets.push({ line, character });
    else if (ch === '«') open.push({ line, character });
    else if (ch === '»') ranges.push({ start: open.pop()!, end: { line, character } });
    else {
      text += ch;
      if (ch === '\n') {
        line++;
        character = 0;
      } else character += ch.length;
    }
  }
  return { text, carets, ranges };
}
