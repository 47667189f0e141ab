// Facts about the example specs and the schemas, read from the repository so the journeys check the
// workbench against the real files (not against copies of their text).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/host/lib.mjs';

const examplesDir = path.join(repoRoot, 'examples');

/** Workspace-relative paths of every `*.<kind>.yaml` under examples/, sorted, `preferred` first. */
export function exampleSpecs(kind, preferred) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(`.${kind}.yaml`)) out.push(path.relative(examplesDir, p).split(path.sep).join('/'));
    }
  };
  walk(examplesDir);
  out.sort();
  if (preferred && out.includes(preferred)) return [preferred, ...out.filter((p) => p !== preferred)];
  return out;
}

export function readExample(rel) {
  return readFileSync(path.join(examplesDir, rel), 'utf8');
}

export function schema(kind) {
  return JSON.parse(readFileSync(path.join(repoRoot, 'schemas', `${kind}.schema.json`), 'utf8'));
}

/** 1-based line of the top-level `key:` in a YAML text, or undefined. */
export function topLevelKeyLine(text, key) {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => l.startsWith(`${key}:`));
  return i >= 0 ? i + 1 : undefined;
}

/** The first words of a schema description as plain text (markdown marks dropped), for matching a hover. */
export function descriptionPrefix(description, words = 6) {
  return description.replace(/[`*_[\]]/g, '').split(/\s+/).filter(Boolean).slice(0, words).join(' ');
}
