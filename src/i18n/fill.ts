/**
 * {{name}} placeholders filled the way i18next fills them, for islands: the
 * browser gets strings as props and never loads i18next.
 */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
