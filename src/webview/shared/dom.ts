// Tiny DOM builders. Text only ever goes in through textContent: nothing here parses HTML.
type Child = Node | string | null | undefined | false;

export interface ElProps {
  readonly class?: string;
  readonly text?: string;
  readonly title?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  /** Event listeners by type (typed loosely: the caller names the event class it expects). */
  readonly on?: Readonly<Record<string, (e: never) => void>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: ElProps, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, props?: ElProps, ...children: Child[]): HTMLElement;
export function el(tag: string, props: ElProps = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  if (props.title) e.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) {
    if (k === 'style' || k.startsWith('on')) throw new Error(`el: attribute ${k} is not allowed (CSP)`);
    e.setAttribute(k, v);
  }
  for (const [type, handler] of Object.entries(props.on ?? {})) e.addEventListener(type, handler as unknown as EventListener);
  if (props.text !== undefined) e.textContent = props.text;
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** Replaces an element's children. */
export function setChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}
