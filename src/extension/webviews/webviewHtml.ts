// The one HTML builder for every webview: a deny-all Content Security Policy that admits only the page's own
// nonce'd script and styles from the extension (webviews.md, security checklist), Trusted Types enforced
// (lit-html is the one policy the page's components create), and every interpolated value escaped.
// No `vscode` import: unit tests check the output as a string.
import { randomBytes } from 'node:crypto';

/** A fresh nonce for every HTML render: 128 random bits, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface CspOptions {
  /** `webview.cspSource` (the origin that serves `asWebviewUri` resources). */
  readonly cspSource: string;
  readonly nonce: string;
  /** Enforce Trusted Types with these policy names. @default ['lit-html'] */
  readonly trustedTypes?: readonly string[] | false;
}

/** The Content-Security-Policy of a panel: nothing unless listed; no inline script or style without the nonce. */
export function contentSecurityPolicy(o: CspOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(o.nonce)) throw new Error('contentSecurityPolicy: the nonce must be base64 of at least 16 characters');
  // cspSource is one or more sources (code-server: `'self' https://*.vscode-cdn.net`), never a directive
  if (/[;"<>\r\n]/.test(o.cspSource)) throw new Error('contentSecurityPolicy: unexpected characters in cspSource');
  const tt = o.trustedTypes === false ? [] : [`require-trusted-types-for 'script'`, `trusted-types ${(o.trustedTypes ?? ['lit-html']).join(' ')}`];
  return [
    `default-src 'none'`,
    `script-src 'nonce-${o.nonce}'`,
    `style-src ${o.cspSource} 'nonce-${o.nonce}'`,
    `img-src ${o.cspSource} data: blob:`,
    `font-src ${o.cspSource}`,
    `connect-src 'none'`,
    `form-action 'none'`,
    `base-uri 'none'`,
    ...tt,
  ].join('; ');
}

export interface WebviewHtmlOptions extends CspOptions {
  readonly title: string;
  /** Script URIs (already converted with `asWebviewUri`), loaded with the nonce, deferred. */
  readonly scripts: readonly string[];
  readonly styles: readonly string[];
}

/** The page: CSP meta first, then the stylesheets and scripts (no inline code, no data in the HTML). */
export function webviewHtml(o: WebviewHtmlOptions): string {
  const nonce = escapeHtml(o.nonce);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    // the policy holds no `"`, `<` or `&` (checked above), so its quotes stay readable
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(o).replace(/[&<>"]/g, (c) => escapeHtml(c))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtml(o.title)}</title>`,
    ...o.styles.map((href) => `<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(href)}">`),
    '</head>',
    '<body data-state="loading">',
    ...o.scripts.map((src) => `<script nonce="${nonce}" src="${escapeHtml(src)}"></script>`),
    '</body>',
    '</html>',
  ].join('\n');
}

/** A script-free page that says something (a panel whose report could not be read). */
export function webviewMessageHtml(o: { readonly cspSource: string; readonly nonce: string; readonly title: string; readonly message: string }): string {
  return webviewHtml({ ...o, scripts: [], styles: [] }).replace('<body data-state="loading">', `<body data-state="error">\n<h1>${escapeHtml(o.title)}</h1>\n<p>${escapeHtml(o.message)}</p>`);
}
