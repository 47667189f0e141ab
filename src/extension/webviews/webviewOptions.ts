import * as vscode from 'vscode';
import { createNonce, webviewHtml } from './webviewHtml';

/** Scripts on, command URIs off, and only the extension's own built assets readable (never the workspace). */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Sets a panel's HTML for the bundle `dist/webview/<name>.js` (+ `.css`) with a fresh nonce. */
export function setPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, name: string, title: string): void {
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  webview.html = webviewHtml({ title, cspSource: webview.cspSource, nonce: createNonce(), scripts: [asset(`${name}.js`)], styles: [asset(`${name}.css`)] });
}
