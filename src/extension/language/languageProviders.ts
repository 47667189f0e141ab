import * as vscode from 'vscode';
import type { SpecSymbol } from '../../core/spec/features/specSymbols';
import type { SpecService } from '../../core/spec/specService';
import { fromVsPosition, toVsRange } from '../convert';
import { SPEC_SELECTOR } from '../specs';
import type { DiagnosticsController } from './diagnosticsController';

/** Completion, hover and quick fixes for specs: thin converters over the core spec service. */
export function registerLanguageProviders(service: () => SpecService, diagnostics: DiagnosticsController): vscode.Disposable[] {
  const completion = vscode.languages.registerCompletionItemProvider(
    SPEC_SELECTOR,
    {
      provideCompletionItems(doc, position) {
        return service()
          .complete(doc.getText(), doc.uri.fsPath, fromVsPosition(position))
          .map((c, i) => {
            const item = new vscode.CompletionItem(c.label, c.kind === 'property' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember);
            item.insertText = c.insertText;
            item.sortText = String(i).padStart(4, '0');
            if (c.detail) item.detail = c.detail;
            if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
            return item;
          });
      },
    },
    ' ',
    ':',
  );
  const hover = vscode.languages.registerHoverProvider(SPEC_SELECTOR, {
    provideHover(doc, position) {
      const h = service().hover(doc.getText(), doc.uri.fsPath, fromVsPosition(position));
      return h ? new vscode.Hover(new vscode.MarkdownString(h.markdown), toVsRange(h.range)) : undefined;
    },
  });
  const actions = vscode.languages.registerCodeActionsProvider(
    SPEC_SELECTOR,
    {
      provideCodeActions(doc, range) {
        return diagnostics
          .fixesFor(doc.uri)
          .filter(({ diagnostic }) => diagnostic.range.intersection(range) !== undefined)
          .flatMap(({ diagnostic, fix, actions }) => {
            const out: vscode.CodeAction[] = [];
            if (fix) {
              const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
              action.diagnostics = [diagnostic];
              action.isPreferred = true;
              action.edit = new vscode.WorkspaceEdit();
              for (const e of fix.edits) action.edit.replace(doc.uri, toVsRange(e.range), e.newText);
              out.push(action);
            }
            for (const a of actions) {
              const action = new vscode.CodeAction(a.title, vscode.CodeActionKind.QuickFix);
              action.diagnostics = [diagnostic];
              action.command = { title: a.title, command: 'workbench.action.openSettings', arguments: [a.setting] };
              out.push(action);
            }
            return out;
          });
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
  const symbols = vscode.languages.registerDocumentSymbolProvider(
    SPEC_SELECTOR,
    { provideDocumentSymbols: (doc) => service().symbols(doc.getText(), doc.uri.fsPath).map(toDocumentSymbol) },
    { label: 'Persona Studio' },
  );
  const links = vscode.languages.registerDocumentLinkProvider(SPEC_SELECTOR, {
    provideDocumentLinks: (doc) =>
      service()
        .links(doc.getText(), doc.uri.fsPath)
        .map((l) => Object.assign(new vscode.DocumentLink(toVsRange(l.range), vscode.Uri.file(l.target)), { tooltip: l.tooltip })),
  });
  const definition = vscode.languages.registerDefinitionProvider(SPEC_SELECTOR, {
    provideDefinition(doc, position) {
      const r = service().definition(doc.getText(), doc.uri.fsPath, fromVsPosition(position));
      return r ? new vscode.Location(doc.uri, toVsRange(r)) : undefined;
    },
  });
  return [completion, hover, actions, symbols, links, definition];
}

const symbolKinds: Record<SpecSymbol['kind'], vscode.SymbolKind> = {
  section: vscode.SymbolKind.Namespace,
  question: vscode.SymbolKind.Field,
  scale: vscode.SymbolKind.Array,
  variable: vscode.SymbolKind.Variable,
};

function toDocumentSymbol(s: SpecSymbol): vscode.DocumentSymbol {
  const symbol = new vscode.DocumentSymbol(s.name, s.detail, symbolKinds[s.kind], toVsRange(s.range), toVsRange(s.selectionRange));
  symbol.children = s.children.map(toDocumentSymbol);
  return symbol;
}
