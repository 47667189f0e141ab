import { el } from '../shared/dom';

/**
 * `el` (src/webview/shared/dom.ts) with attributes given flat: `true` sets an empty attribute, `false` or
 * undefined leaves it out. Strings become text nodes, never HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Array<Node | string | undefined>
): HTMLElementTagNameMap[K] {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (k !== 'class' && v !== undefined && v !== false) flat[k] = v === true ? '' : v;
  const cls = typeof attrs.class === 'string' ? attrs.class : undefined;
  return el(tag, { ...(cls ? { class: cls } : {}), attrs: flat }, ...children);
}

export const clear = (e: Element): void => e.replaceChildren();

export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): (...a: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => {
    if (t !== undefined) clearTimeout(t);
    t = setTimeout(() => fn(...a), ms);
  };
}
