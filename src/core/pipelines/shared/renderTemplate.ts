/**
 * Fills `{{name}}` placeholders (spaces inside the braces allowed) from `values`. A placeholder with no value is
 * left as it is, so a mistake shows in the prompt instead of vanishing. (Until src/core/specModel lands, the
 * pipelines render with this; the spec checks already reject unknown names.)
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
