import * as vscode from 'vscode';
import type { Position, Range } from '../core/spec/range';
import type { DiagnosticSeverity, SpecDiagnostic } from '../core/spec/specDiagnostic';

/** Converters between the core's plain data and VS Code's classes. The only place that knows both. */
export const toVsRange = (r: Range): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
export const fromVsPosition = (p: vscode.Position): Position => ({ line: p.line, character: p.character });

const severities: Record<DiagnosticSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'persona-studio';

export function toVsDiagnostic(d: SpecDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(d.range), d.message, severities[d.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = d.rule;
  return diagnostic;
}
