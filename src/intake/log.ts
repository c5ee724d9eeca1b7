/**
 * One JSON object per line, UTC time and the request id. Callers pass
 * identifiers and outcomes only: never a name, email, phone number or free text.
 */
export function log(event: string, fields: Record<string, string | number | boolean | undefined> = {}): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
}
