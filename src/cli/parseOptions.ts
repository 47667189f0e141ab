import { CliError, ExitCode } from './cliError';

/**
 * A whole number from a command-line option, at least `min` (and at most `max`); anything else (`0` where 1
 * is the least, `-5`, `abc`, `1e400`, an empty string) is bad input naming the option, never a silent default.
 */
export function parseIntegerOption(value: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = value.trim();
  const n = /^[+]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(`${flag} expects a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any size' : max}, got ${JSON.stringify(value)}`, ExitCode.badInput);
  }
  return n;
}

/** Longest time limit a timer can hold (2^31 − 1 ms, about 24.8 days). */
export const maxTimeoutMs = 2 ** 31 - 1;

/** A time limit in milliseconds from `--timeout`: a whole number from 1 ms to 24.8 days. */
export function parseTimeoutOption(value: string, flag = '--timeout'): number {
  return parseIntegerOption(value, flag, 1, maxTimeoutMs);
}
