/**
 * Parses JSON with comments (`//`, `/* *\/`) and trailing commas, the format of VS Code's settings.json:
 * comments and trailing commas are blanked out (outside strings, offsets kept), then `JSON.parse` reads
 * the rest, so its errors keep their positions. Throws `SyntaxError` like `JSON.parse`.
 */
export function parseJsonWithComments(text: string): unknown {
  const out = text.replace(/^\uFEFF/, '').split('');
  let i = 0;
  const n = out.length;
  let lastSignificant = -1; // index of the last character that is not whitespace or a comment
  while (i < n) {
    const c = out[i]!;
    if (c === '"') {
      lastSignificant = i;
      i++;
      while (i < n && out[i] !== '"') i += out[i] === '\\' ? 2 : 1;
      lastSignificant = i;
      i++;
    } else if (c === '/' && out[i + 1] === '/') {
      while (i < n && out[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && out[i + 1] === '*') {
      out[i++] = ' ';
      out[i++] = ' ';
      while (i < n && !(out[i] === '*' && out[i + 1] === '/')) {
        if (out[i] !== '\n') out[i] = ' ';
        i++;
      }
      if (i < n) {
        out[i++] = ' ';
        out[i++] = ' ';
      }
    } else if (c === '}' || c === ']') {
      if (lastSignificant >= 0 && out[lastSignificant] === ',') out[lastSignificant] = ' ';
      lastSignificant = i++;
    } else {
      if (!/\s/.test(c)) lastSignificant = i;
      i++;
    }
  }
  return JSON.parse(out.join('')) as unknown;
}
