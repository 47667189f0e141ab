/** The two kinds of spec Persona Studio understands, told apart by file name. */
export type SpecKind = 'survey' | 'persona';

/** `*.survey.yaml` / `*.survey.yml` → survey; `*.persona.yaml` / `*.persona.yml` → persona; otherwise undefined. */
export function specKindOf(fileName: string): SpecKind | undefined {
  const m = /\.(survey|persona)\.ya?ml$/i.exec(fileName);
  return m ? (m[1]!.toLowerCase() as SpecKind) : undefined;
}
