/**
 * Replaces each `{{name}}` in `template` with `values[name]`. A placeholder with no value is an error (the
 * spec checks report unresolved variables before anything runs, so reaching one here is a bug).
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new RangeError(`template variable {{${name}}} has no value`);
    return value;
  });
}
