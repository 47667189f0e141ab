import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Webview options for a page of this extension: scripts on, resources only from media/ and dist/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

/**
 * The HTML of a webview page: a deny-all CSP that allows only the bundle (by nonce) and the extension's own
 * style sheets and images, a fresh random nonce each time, and resource URLs through `asWebviewUri`. No inline
 * script or style; data arrives by postMessage after the page says it is ready.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: { title: string; script: string; styles?: readonly string[] }): string {
  const nonce = randomBytes(18).toString('base64');
  const src = (rel: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...rel.split('/'))).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data: blob:`,
    `font-src ${webview.cspSource}`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
${(opts.styles ?? []).map((s) => `<link rel="stylesheet" href="${esc(src(s))}" nonce="${nonce}">`).join('\n')}
</head>
<body>
<script nonce="${nonce}" src="${esc(src(opts.script))}"></script>
</body>
</html>`;
}
