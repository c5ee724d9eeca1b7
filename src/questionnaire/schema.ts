import { z } from 'zod';
import { door, sourceIds } from '../catalog/schema.ts';
import { birthQuestions } from './engine.ts';

/**
 * The questionnaire as data (content/questionnaire/rules.json): questions,
 * when each is asked, outcomes, the conditions that lead to them, which
 * outcome comes first when several apply, and the source of every rule. The
 * city corrects rules here; no component holds a rule.
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
  /** Age in whole years, from the birth year and month (see ageOf in the engine). */
  | { age: { gte: number } }
  | { age: { lte: number } }
  /**
   * Today (Stockholm) is on or after the first day of `fromMonth` in the calendar
   * year the person turns `age`: rules that open "from the second half of the
   * year you turn 20" depend on the birth year, not on the age alone.
   */
  | { turned: { age: number; fromMonth: number } };

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ q: id, eq: z.string() }).strict(),
    z.object({ q: id, in: z.array(z.string()).min(1) }).strict(),
    z.object({ q: id, gte: z.number() }).strict(),
    z.object({ q: id, lte: z.number() }).strict(),
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
    z.object({ not: condition }).strict(),
    z.object({ age: z.object({ gte: z.number().int() }).strict() }).strict(),
    z.object({ age: z.object({ lte: z.number().int() }).strict() }).strict(),
    z.object({ turned: z.object({ age: z.number().int().min(0), fromMonth: z.number().int().min(1).max(12) }).strict() }).strict(),
  ]),
);


export const question = z.discriminatedUnion('kind', [
  z.object({ id, kind: z.literal('choice'), options: z.array(id).min(2), askIf: condition.optional() }).strict(),
  z
    .object({
      id,
      kind: z.literal('number'),
      min: z.number().int(),
      max: z.number().int(),
      /** A calendar year: also refused when it is after the current year in Stockholm. */
      year: z.literal(true).optional(),
      askIf: condition.optional(),
    })
    .strict(),
]);
export type Question = z.infer<typeof question>;

/**
 * Where a rule comes from: a seed document and its lines (../shared/seeds/),
 * so a case worker can check the rule against the decision it rests on.
 */
const source = z.object({ seed: z.enum(sourceIds), lines: z.string().regex(/^\d+(-\d+)?(, \d+(-\d+)?)*$/) }).strict();

export const outcome = z
  .object({
    id,
    /** When the outcome applies; absent only on the fallback, shown when nothing else applies. */
    when: condition.optional(),
    /** Which reason text to show: the first whose condition holds (its key is `outcome.<id>.why.<reason>`). */
    reasons: z.array(z.object({ id, when: condition.optional() }).strict()).min(1),
    /** The way in. Absent when the text itself names it (the school's counsellor, the coach one already has). */
    door: door.optional(),
    /** A guide page for the next step, and related services (catalog ids). */
    guide: id.optional(),
    services: z.array(id).max(4),
    /**
     * Outcomes this one comes before: when both apply, those are shown under
     * "also worth knowing", without their own way in, so a result never names
     * two doors that contradict each other (the district office and "book here").
     */
    outranks: z.array(id).default([]),
    /** The seed lines the rule rests on. */
    sources: z.array(source),
    /**
     * What in the rule or its text comes from outside the seeds, for the city to
     * confirm (in English, for editors). Residents see that the outcome holds a
     * fact the city is still to confirm.
     */
    toConfirm: z.string().min(10).optional(),
  })
  .strict()
  .refine((o) => o.sources.length > 0 || o.toConfirm, { message: 'an outcome needs a seed source or a toConfirm note' });
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
    const outcomes = new Map(r.outcomes.map((o) => [o.id, o]));
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
      else for (const b of birthQuestions) if (!questions.has(b)) ctx.addIssue({ code: 'custom', message: `${where} needs the question ${b}` });
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
      for (const other of o.outranks) {
        if (!outcomes.has(other)) ctx.addIssue({ code: 'custom', message: `outcome ${o.id} outranks ${other}, which is not an outcome` });
        else if (outcomes.get(other)!.outranks.includes(o.id)) ctx.addIssue({ code: 'custom', message: `outcomes ${o.id} and ${other} outrank each other` });
      }
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
  return [...birthQuestions];
}
export type Answers = Record<string, string | number>;
