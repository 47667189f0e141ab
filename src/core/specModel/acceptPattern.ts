import { SpecModelError } from './specModelError';

/** A compiled `accept` pattern: `test(answer)` says whether a sampled answer is kept. */
export interface AcceptPattern {
  /** The pattern as written in the spec (`undefined`: accept any answer). */
  readonly source: string | undefined;
  readonly regex: RegExp | undefined;
  test(answer: string): boolean;
}

/**
 * Compiles a spec's `accept` regular expression. Spec authors write Python-style inline flags at the start
 * (`(?i)yes`, as in the Anthology configs); JavaScript has no inline flags, so a leading `(?flags)` group of
 * `i`, `m` and `s` is removed and becomes the RegExp's flags. The pattern matches anywhere in the answer
 * (Python `re.search`), not only at its start. `undefined` accepts every answer.
 */
export function compileAcceptPattern(source: string | undefined, where = '`accept`'): AcceptPattern {
  if (source === undefined) return { source, regex: undefined, test: () => true };
  const m = /^\(\?([ims]+)\)/.exec(source);
  const flags = m ? [...new Set(m[1]!)].join('') : '';
  const body = m ? source.slice(m[0].length) : source;
  let regex: RegExp;
  try {
    regex = new RegExp(body, flags);
  } catch (e) {
    throw new SpecModelError('bad-pattern', `${where} ${JSON.stringify(source)} is not a valid regular expression (${(e as Error).message}). Fix the pattern; a leading (?i) makes it case-insensitive.`);
  }
  return { source, regex, test: (answer) => regex.test(answer) };
}
