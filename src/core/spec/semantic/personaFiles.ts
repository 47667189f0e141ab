import path from 'node:path';
import type { SpecDiagnostic } from '../specDiagnostic';
import { describeFileKind } from '../specFileSystem';
import type { YamlPath } from '../yamlPath';
import type { SemanticContext } from './semanticContext';
import { at, diag, resolveSpecPath, str } from './specShape';

/**
 * `semantic/missing-file` in a persona spec: census tables and the import file exist, and the folders
 * that backstory and persona output files go into exist (the files themselves are created by a run).
 */
export function checkPersonaFiles(ctx: SemanticContext): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  const folder = path.dirname(ctx.specPath);
  const inputFile = (p: YamlPath, what: string): void => {
    const written = str(at(ctx.spec.value, p));
    if (written === undefined || written.trim() === '') return;
    const abs = resolveSpecPath(ctx, written);
    const stat = ctx.files.stat(abs);
    if (stat?.isFile) return;
    out.push(diag(ctx, p, 'value', 'error', 'semantic/missing-file',
      stat
        ? `${what} must be a file, but ${abs} is ${describeFileKind(stat.kind, stat.isFile)}. Point to the file itself.`
        : `${what} not found: ${abs}. The path is relative to this spec's folder (${folder}); fix it or put the file there.`));
  };
  const outputFile = (p: YamlPath, what: string): void => {
    const written = str(at(ctx.spec.value, p));
    if (written === undefined || written.trim() === '') return;
    const abs = resolveSpecPath(ctx, written);
    const dir = path.dirname(abs);
    const stat = ctx.files.stat(dir);
    if (stat && !stat.isFile) {
      const self = ctx.files.stat(abs);
      if (self && !self.isFile) {
        out.push(diag(ctx, p, 'value', 'error', 'semantic/missing-file',
          `${what} ${abs} is a folder; give a file name such as "${path.basename(abs)}/personas.jsonl".`));
      }
      return;
    }
    out.push(diag(ctx, p, 'value', 'error', 'semantic/missing-file',
      `The folder for ${what.toLowerCase()} does not exist: ${dir}. Create it, or write the file next to this spec (a path relative to ${folder}).`));
  };
  inputFile(['census', 'marginals'], 'Census marginals table');
  const joint = at(ctx.spec.value, ['census', 'joint']);
  if (Array.isArray(joint)) joint.forEach((_, i) => inputFile(['census', 'joint', i], 'Census joint table'));
  inputFile(['import', 'file'], 'Persona file to import');
  outputFile(['backstories', 'output'], 'Backstory output file');
  outputFile(['generation', 'output'], 'Persona output file');
  return out;
}
