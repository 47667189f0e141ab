/** A numeric range an option stands for: `[min, max]`, either end open. */
export interface NumericBin {
  readonly min: number;
  readonly max: number;
}

/** "$45k" → 45000, "45,000" → 45000, "27" → 27. */
function amount(digits: string, k: string | undefined): number {
  const v = Number(digits.replace(/,/g, ''));
  return k ? v * 1000 : v;
}

const num = String.raw`\$?\s*(\d[\d,]*(?:\.\d+)?)\s*(k\b)?`;

/**
 * The numeric range of an option text, when it names one: "18-29", "$10,000 to $19,999", "Less than $10,000",
 * "65 or Above", "$200,000 or more", "65+". `undefined` for options that are not numeric ("Male").
 */
export function numericBin(option: string): NumericBin | undefined {
  const t = option.toLowerCase();
  let m = new RegExp(String.raw`^(?:less than|under|below)\s+${num}`).exec(t);
  if (m) return { min: -Infinity, max: amount(m[1]!, m[2]) - 1e-9 };
  m = new RegExp(String.raw`^${num}\s*(?:-|–|to)\s*${num}`).exec(t);
  if (m) return { min: amount(m[1]!, m[2]), max: amount(m[3]!, m[4]) + (/\.\d/.test(m[3]!) ? 0 : 0.999999) };
  m = new RegExp(String.raw`^${num}\s*(?:\+|or (?:above|more|older|over|higher))`).exec(t);
  if (m) return { min: amount(m[1]!, m[2]), max: Infinity };
  return undefined;
}

/**
 * The option whose range holds the one amount stated in `text` ("I am 34 years old", "about $45k a year"), or
 * `undefined` when the text states no amount, several different amounts, or one no option covers. Part of the
 * demographic parse ladder (Anthology §1.4: "numbers are mapped to bins").
 */
export function optionOfAmount(text: string, bins: readonly (NumericBin | undefined)[]): number | undefined {
  const amounts = new Set<number>();
  for (const m of text.toLowerCase().matchAll(new RegExp(num, 'g'))) amounts.add(amount(m[1]!, m[2]));
  if (amounts.size !== 1) return undefined;
  const value = [...amounts][0]!;
  const hits = bins.flatMap((b, i) => (b && value >= b.min && value <= b.max ? [i] : []));
  return hits.length === 1 ? hits[0] : undefined;
}
