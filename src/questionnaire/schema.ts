import { z } from 'zod';
import { door } from '../catalog/schema.ts';

/**
 * The questionnaire as data (content/questionnaire/rules.json): questions,
 * when each is asked, outcomes and the conditions that lead to them. The city
 * corrects rules here; no component holds a rule.
 */

const id = z.string().regex(/^[a-z][a-z0-9-]*$/);

/** A condition over the answers. Conditions on a question not yet answered are "unknown". */
export type Condition =
  | { q: string; eq: string }
  | { q: string; in: string[] }
  | { q: string; gte: number }
  | { q: string; lte: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  /** Stockholm calendar month of today, 1–12: for rules that change during the year. */
  | { month: { gte: number } };

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ q: id, eq: z.string() }).strict(),
    z.object({ q: id, in: z.array(z.string()).min(1) }).strict(),
    z.object({ q: id, gte: z.number() }).strict(),
    z.object({ q: id, lte: z.number() }).strict(),
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
    z.object({ not: condition }).strict(),
    z.object({ month: z.object({ gte: z.number().int().min(1).max(12) }).strict() }).strict(),
  ]),
);

export const question = z.discriminatedUnion('kind', [
  z.object({ id, kind: z.literal('choice'), options: z.array(id).min(2), askIf: condition.optional() }).strict(),
  z.object({ id, kind: z.literal('number'), min: z.number().int(), max: z.number().int(), askIf: condition.optional() }).strict(),
]);
export type Question = z.infer<typeof question>;

export const outcome = z
  .object({
    id,
    /** When the outcome applies; absent only on the fallback, shown when nothing else applies. */
    when: condition.optional(),
    /** Which reason text to show: the first whose condition holds (its key is `outcome.<id>.why.<reason>`). */
    reasons: z.array(z.object({ id, when: condition.optional() }).strict()).min(1),
    door,
    /** A guide page for the next step, and related services (catalog ids). */
    guide: id.optional(),
    services: z.array(id).max(4),
  })
  .strict();
export type Outcome = z.infer<typeof outcome>;

export const rules = z
  .object({
    questions: z.array(question).min(5),
    outcomes: z.array(outcome).min(10),
    /** Shown when no other outcome applies. */
    fallback: id,
  })
  .superRefine((r, ctx) => {
    const questions = new Map(r.questions.map((q) => [q.id, q]));
    const check = (c: Condition, where: string): void => {
      if ('q' in c) {
        const q = questions.get(c.q);
        if (!q) ctx.addIssue({ code: 'custom', message: `${where} asks about "${c.q}", which is not a question` });
        else if (q.kind === 'choice') {
          for (const v of 'eq' in c ? [c.eq] : 'in' in c ? c.in : []) {
            if (!q.options.includes(v)) ctx.addIssue({ code: 'custom', message: `${where}: "${v}" is not an option of ${c.q}` });
          }
        }
      } else if ('all' in c) c.all.forEach((x) => check(x, where));
      else if ('any' in c) c.any.forEach((x) => check(x, where));
      else if ('not' in c) check(c.not, where);
    };
    // A question may only depend on earlier ones: when it is reached, everything it depends on is known.
    r.questions.forEach((q, i) => {
      if (!q.askIf) return;
      check(q.askIf, `question ${q.id}`);
      for (const dep of dependencies(q.askIf)) {
        if (r.questions.findIndex((x) => x.id === dep) >= i) ctx.addIssue({ code: 'custom', message: `question ${q.id} depends on the later question ${dep}` });
      }
    });
    for (const o of r.outcomes) {
      if (o.when) check(o.when, `outcome ${o.id}`);
      else if (o.id !== r.fallback) ctx.addIssue({ code: 'custom', message: `outcome ${o.id} has no condition` });
      o.reasons.forEach((x) => x.when && check(x.when, `outcome ${o.id}`));
    }
    if (!r.outcomes.some((o) => o.id === r.fallback)) ctx.addIssue({ code: 'custom', message: `fallback ${r.fallback} is not an outcome` });
  });
export type Rules = z.infer<typeof rules>;

/** The questions a condition looks at. */
export function dependencies(c: Condition): string[] {
  if ('q' in c) return [c.q];
  if ('all' in c) return c.all.flatMap(dependencies);
  if ('any' in c) return c.any.flatMap(dependencies);
  if ('not' in c) return dependencies(c.not);
  return [];
}
export type Answers = Record<string, string | number>;
