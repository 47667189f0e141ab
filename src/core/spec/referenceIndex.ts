/**
 * Which files each spec refers to (human data, persona spec, backstories, census tables, imports), so an
 * editor can watch exactly those and re-validate only the specs that read a changed file. Files a spec
 * does not name — run journals, answer caches, `answers.csv` in run folders — are never watched.
 * Keys and paths are opaque strings (absolute paths or URIs, as the caller likes), compared exactly.
 */
export class ReferenceIndex {
  private readonly bySpec = new Map<string, ReadonlySet<string>>();
  private readonly byFile = new Map<string, Set<string>>();

  /**
   * Records that `spec` refers to `files` (replacing what it referred to before). Returns the files no
   * spec referred to before (`added`: start watching) and those no spec refers to any more
   * (`removed`: stop watching).
   */
  set(spec: string, files: Iterable<string>): { added: string[]; removed: string[] } {
    const next = new Set(files);
    const prev = this.bySpec.get(spec) ?? new Set<string>();
    const added: string[] = [];
    const removed: string[] = [];
    for (const f of prev) {
      if (next.has(f)) continue;
      const specs = this.byFile.get(f);
      specs?.delete(spec);
      if (specs?.size === 0) {
        this.byFile.delete(f);
        removed.push(f);
      }
    }
    for (const f of next) {
      if (prev.has(f)) continue;
      let specs = this.byFile.get(f);
      if (!specs) {
        this.byFile.set(f, (specs = new Set()));
        added.push(f);
      }
      specs.add(spec);
    }
    if (next.size > 0) this.bySpec.set(spec, next);
    else this.bySpec.delete(spec);
    return { added, removed };
  }

  /** Forgets a spec (deleted or closed for good); returns the files that are no longer referenced. */
  delete(spec: string): string[] {
    return this.set(spec, []).removed;
  }

  /** The specs that refer to `file`. */
  specsReferencing(file: string): string[] {
    return [...(this.byFile.get(file) ?? [])];
  }

  /** Every referenced file. */
  files(): string[] {
    return [...this.byFile.keys()];
  }
}
