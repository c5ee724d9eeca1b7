import type { Door } from '../catalog/schema.ts';
import type { Answers, Condition, Question, Rules } from './schema.ts';

/** true, false, or undefined while a question it depends on is unanswered. */
type Truth = boolean | undefined;

function holds(c: Condition, answers: Answers, today: Date): Truth {
  if ('month' in c) return stockholmMonth(today) >= c.month.gte;
  if ('all' in c) {
    const parts = c.all.map((x) => holds(x, answers, today));
    return parts.includes(false) ? false : parts.includes(undefined) ? undefined : true;
  }
  if ('any' in c) {
    const parts = c.any.map((x) => holds(x, answers, today));
    return parts.includes(true) ? true : parts.includes(undefined) ? undefined : false;
  }
  if ('not' in c) {
    const inner = holds(c.not, answers, today);
    return inner === undefined ? undefined : !inner;
  }
  const value = answers[c.q];
  if (value === undefined) return undefined;
  if ('eq' in c) return value === c.eq;
  if ('in' in c) return c.in.includes(String(value));
  if ('gte' in c) return typeof value === 'number' && value >= c.gte;
  return typeof value === 'number' && value <= c.lte;
}

function stockholmMonth(today: Date): number {
  return Number(new Intl.DateTimeFormat('en', { month: 'numeric', timeZone: 'Europe/Stockholm' }).format(today));
}

const asked = (q: Question, answers: Answers, today: Date): Truth => (q.askIf ? holds(q.askIf, answers, today) : true);

/** The question to ask now: the first one that applies and has no answer; undefined when all are answered. */
export function nextQuestion(rules: Rules, answers: Answers, today: Date): Question | undefined {
  return rules.questions.find((q) => asked(q, answers, today) === true && answers[q.id] === undefined);
}

/** The questions this person is asked, in order (only those that can change the result). */
export function askedQuestions(rules: Rules, answers: Answers, today: Date): Question[] {
  return rules.questions.filter((q) => asked(q, answers, today) === true);
}

/**
 * "Fråga 2 av 7": the position of a question among those asked, and how many
 * will be asked as far as the answers so far tell.
 */
export function progress(rules: Rules, answers: Answers, current: string, today: Date): { index: number; total: number } {
  const possible = rules.questions.filter((q) => asked(q, answers, today) !== false);
  return { index: possible.findIndex((q) => q.id === current) + 1, total: possible.length };
}

/** Drops answers to questions that no longer apply, e.g. after the age was changed. */
export function prune(rules: Rules, answers: Answers, today: Date): Answers {
  const kept: Answers = {};
  for (const q of rules.questions) {
    if (answers[q.id] !== undefined && asked(q, kept, today) === true) kept[q.id] = answers[q.id]!;
  }
  return kept;
}

export interface Result {
  id: string;
  /** Key of the reason text, `outcome.<id>.why.<reason>`; the text may use {{age}}. */
  reason: string;
  door: Door;
  guide: string | undefined;
  services: string[];
}

/**
 * Answers + rules + today's date → the outcomes that fit, each with why.
 * Guidance, not a decision: the page says so. A condition on a question the
 * person was not asked does not hold.
 */
export function evaluate(rules: Rules, answers: Answers, today: Date): Result[] {
  const matching = rules.outcomes.filter((o) => o.when && holds(o.when, answers, today) === true);
  const chosen = matching.length > 0 ? matching : rules.outcomes.filter((o) => o.id === rules.fallback);
  return chosen.map((o) => ({
    id: o.id,
    reason: (o.reasons.find((r) => !r.when || holds(r.when, answers, today) === true) ?? o.reasons.at(-1)!).id,
    door: o.door,
    guide: o.guide,
    services: o.services,
  }));
}

/** Coded answers from a URL query: unknown keys and invalid values are ignored, never trusted. */
export function readAnswers(rules: Rules, params: URLSearchParams): Answers {
  const answers: Answers = {};
  for (const q of rules.questions) {
    const raw = params.get(q.id);
    if (raw === null) continue;
    if (q.kind === 'number') {
      const n = Number(raw);
      if (/^\d{1,3}$/.test(raw) && n >= q.min && n <= q.max) answers[q.id] = n;
    } else if (q.options.includes(raw)) answers[q.id] = raw;
  }
  return answers;
}

/** The query string that holds the answers, in question order, for links and history. */
export function writeAnswers(rules: Rules, answers: Answers): URLSearchParams {
  const params = new URLSearchParams();
  for (const q of rules.questions) if (answers[q.id] !== undefined) params.set(q.id, String(answers[q.id]));
  return params;
}
