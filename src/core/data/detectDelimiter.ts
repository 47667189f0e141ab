import { DataError } from './DataError';

const CANDIDATES = [44, 9, 59, 124]; // , \t ; |

/**
 * The field separator of a table: `explicit` when given (one character), a tab for `.tsv` files, otherwise the most
 * frequent of `,` `\t` `;` `|` outside quotes on the first line of `head` (ties and none: `,`).
 * @throws DataError `parse` when `explicit` is not a single character or is a quote or line break
 */
export function detectDelimiter(head: Uint8Array, explicit: string | undefined, extension: string, source: string): string {
  if (explicit !== undefined && explicit !== 'auto') {
    if (explicit.length !== 1 || explicit === '"' || explicit === '\n' || explicit === '\r') {
      throw new DataError('parse', `${source}: the delimiter must be one character other than a quote or line break, got ${JSON.stringify(explicit)}`, source);
    }
    return explicit;
  }
  if (extension === '.tsv') return '\t';
  const seen = [0, 0, 0, 0];
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) break;
    else if (!quoted) {
      const k = CANDIDATES.indexOf(c);
      if (k >= 0) seen[k]!++;
    }
  }
  let best = 0;
  for (let k = 1; k < 4; k++) if (seen[k]! > seen[best]!) best = k;
  return String.fromCharCode(CANDIDATES[best]!);
}
