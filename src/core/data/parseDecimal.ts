// Exact powers of ten: 10^k for k ≤ 22 is a double without rounding, so m / 10^k is one correctly rounded division.
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number written in a data field, by the one rule every reader of the product uses (src/core/data/README.md):
 * surrounding spaces and tabs are ignored; a field is a plain decimal number `[+-]digits[.digits][e[+-]digits]`
 * (`3`, `-2.5`, `.5`, `5.`, `1e3`, `1.5E-05`). Anything else — `0x10`, `0b1`, `1_000`, `1,5`, `Infinity`, `NaN`,
 * text — is not a number and gives NaN. Values beyond the double range give ±Infinity (callers reject them).
 * The value is exactly JavaScript's `Number(text)` for the accepted grammar (tested).
 * @returns the value, NaN when the text is not a decimal number (an empty field is NaN too: test for it first)
 */
export function parseDecimalText(text: string): number {
  const t = text.replace(/^[ \t]+|[ \t]+$/g, '');
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/**
 * {@link parseDecimalText} on the bytes `buf[start, end)` of an ASCII/UTF-8 field, without making a string for the
 * common case (at most 15 significant digits, no exponent: one exact division, the same double as `Number`).
 */
export function parseDecimalBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let e = end;
  while (i < e && (buf[i] === 32 || buf[i] === 9)) i++;
  while (e > i && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
  if (i === e) return NaN;
  const from = i;
  let c = buf[i]!;
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = 0;
  while (i < e && (c = buf[i]!) >= 48 && c <= 57) {
    mant = mant * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i < e && buf[i] === 46) {
    i++;
    while (i < e && (c = buf[i]!) >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      frac++;
      i++;
    }
  }
  if (digits === 0) return NaN;
  if (i === e && digits <= 15) {
    const v = frac === 0 ? mant : mant / POW10[frac]!;
    return neg ? -v : v;
  }
  if (i < e) {
    if (buf[i] !== 101 && buf[i] !== 69) return NaN;
    i++;
    if (i < e && (buf[i] === 43 || buf[i] === 45)) i++;
    const expStart = i;
    while (i < e && (c = buf[i]!) >= 48 && c <= 57) i++;
    if (i === expStart || i !== e) return NaN;
  }
  // validated above: Number() of the latin1 text is the exact value (long mantissas, exponents)
  let s = '';
  for (let k = from; k < e; k++) s += String.fromCharCode(buf[k]!);
  return Number(s);
}
