/** How much of a user's text (a key, a value) a message echoes before cutting it short. */
export const ECHO_LIMIT = 80;

/**
 * `text` cut to `max` characters with an ellipsis, for echoing user input into a message: a 1 MB key
 * must not become a 1 MB diagnostic. Never cuts a surrogate pair in half.
 */
export function clipText(text: string, max = ECHO_LIMIT): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** The longest message a diagnostic carries; longer ones (from text no check clipped) are cut. */
export const MESSAGE_LIMIT = 2000;
