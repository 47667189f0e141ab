/**
 * A spec's accept pattern as a RegExp. Specs write PCRE-style inline flags (`(?i)yes`), which JavaScript does
 * not know: a leading `(?i)`, `(?s)`, `(?m)` (or a combination) becomes the RegExp's flags.
 */
export function acceptPattern(source: string): RegExp {
  const m = /^\(\?([ims]+)\)/.exec(source);
  return m ? new RegExp(source.slice(m[0].length), [...new Set(m[1]!)].join('')) : new RegExp(source);
}
