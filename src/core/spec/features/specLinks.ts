import path from 'node:path';
import type { ParsedSpec } from '../parseSpec';
import type { Range } from '../range';
import { locate } from '../rangeOfPath';
import type { YamlPath } from '../yamlPath';

/** A file a spec refers to, as a clickable link on the path where it is written. */
export interface SpecLink {
  readonly range: Range;
  /** Absolute path of the target (it may not exist yet, e.g. a backstory output file). */
  readonly target: string;
  readonly tooltip: string;
}

const surveyFiles: readonly (readonly [YamlPath, string])[] = [
  [['personas'], 'Open the persona spec'],
  [['human', 'data'], 'Open the human data'],
];
const personaFiles: readonly (readonly [YamlPath, string])[] = [
  [['backstories', 'output'], 'Open the backstories'],
  [['census', 'marginals'], 'Open the census marginals'],
  [['import', 'file'], 'Open the persona file'],
  [['generation', 'output'], 'Open the generated personas'],
];

/** Links for every file path written in the spec, resolved against the spec's folder. */
export function specLinks(spec: ParsedSpec, specPath: string): SpecLink[] {
  const folder = path.dirname(specPath);
  const out: SpecLink[] = [];
  const add = (p: YamlPath, tooltip: string): void => {
    const { node, depth } = locate(spec, p);
    if (depth !== p.length || node?.kind !== 'scalar' || node.text.trim() === '') return;
    out.push({ range: spec.lines.rangeOf(node.start, node.end), target: path.resolve(folder, node.text), tooltip });
  };
  for (const [p, tooltip] of spec.kind === 'survey' ? surveyFiles : personaFiles) add(p, tooltip);
  if (spec.kind === 'persona') {
    const joint = locate(spec, ['census', 'joint']).node;
    if (joint?.kind === 'seq') joint.items.forEach((_, i) => add(['census', 'joint', i], 'Open the census joint table'));
  }
  return out;
}
