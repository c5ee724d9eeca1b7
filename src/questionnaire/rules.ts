import file from '../../content/questionnaire/rules.json' with { type: 'json' };
import { catalog } from '../catalog/index.ts';
import { rules as rulesSchema, type Rules } from './schema.ts';

/** The questionnaire rules, validated at build; services and guides must exist in the catalog. */
export function parseRules(input: unknown): Rules {
  const result = rulesSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`content/questionnaire/rules.json is invalid:\n${result.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const parsed = result.data;
  for (const o of parsed.outcomes) {
    for (const s of o.services) if (!catalog.services.some((x) => x.id === s)) throw new Error(`outcome ${o.id}: no service ${s}`);
    if (o.guide && !catalog.paths.some((p) => p.id === o.guide)) throw new Error(`outcome ${o.id}: no guide ${o.guide}`);
  }
  return parsed;
}

export const questionnaire: Rules = parseRules(file);
