import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Every file under `dir` (recursive) whose name ends with one of `exts`. */
function filesUnder(dir: string, exts: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p, exts) : exts.some((x) => e.name.endsWith(x)) ? [p] : [];
  });
}

// CSS named colours that would not follow the theme (the common ones; `transparent`, `currentColor`, `inherit` do follow it)
const NAMED = /(?<![-\w])(white|black|red|green|blue|gray|grey|orange|yellow|purple|pink|silver|navy|teal|maroon|olive|lime|aqua|fuchsia|steelblue)(?![-\w])/i;
const LITERAL = /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(/i;

describe('webview styles follow the theme (only --vscode-* colours)', () => {
  const root = path.resolve(__dirname, '../../../src/webview');

  it('no CSS file of a webview page holds a colour literal or a named colour', () => {
    const found: string[] = [];
    for (const file of filesUnder(root, ['.css'])) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        const code = line.replace(/\/\*.*?\*\//g, '');
        // property values only (after a colon), so selectors and class names are not read as colours
        for (const m of code.matchAll(/:\s*([^;{}]+)/g)) {
          if (LITERAL.test(m[1]!) || NAMED.test(m[1]!.replace(/var\([^)]*\)/g, ''))) found.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(found, []);
  });

  it('no page script sets a colour literal (charts read theme variables through theme.ts)', () => {
    const found: string[] = [];
    for (const file of filesUnder(root, ['.ts'])) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (/['"`]#[0-9a-fA-F]{3,8}['"`]|['"`](rgba?|hsla?)\(/.test(line)) found.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(found, []);
  });
});
