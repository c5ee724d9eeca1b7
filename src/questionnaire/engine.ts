import type { Door } from '../catalog/schema.ts';
import { asciiDigits } from '../i18n/digits.ts';
import type { Answers, Condition, Question, Rules } from './schema.ts';

/**
 * The questions the age is computed from; an age condition depends on both.
 * Here, not in the schema, so the island gets them without zod.
 */
export const birthQuestions = ['year', 'month'] as const;
const [birthYear, birthMonth] = birthQuestions;

/** true, false, or undefined while a question it depends on is unanswered. */
type Truth = boolean | undefined;

function holds(c: Condition, answers: Answers, today: Date): Truth {
  if ('age' in c) {
    const age = ageOf(answers, today);
    if (age === undefined) return undefined;
    return 'gte' in c.age ? age >= c.age.gte : age <= c.age.lte;
  }
  if ('turned' in c) {
    const born = answers[birthYear];
    if (typeof born !== 'number') return undefined;
    const { year, month } = stockholmToday(today);
    const due = born + c.turned.age;
    return year > due || (year === due && month >= c.turned.fromMonth);
  }
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

const stockholmCalendar = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'numeric', timeZone: 'Europe/Stockholm' });
let lastToday: { time: number; year: number; month: number } | undefined;

/** Today's calendar year and month (1–12) in Stockholm; asked for by every age condition, so the last answer is kept. */
function stockholmToday(today: Date): { year: number; month: number } {
  if (lastToday?.time !== today.getTime()) {
    const parts = stockholmCalendar.formatToParts(today);
    const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    lastToday = { time: today.getTime(), year: part('year'), month: part('month') };
  }
  return lastToday;
}

/**
 * Age in whole years from the birth year and month. The day is not asked (less
 * to give away, one question fewer), so the birthday counts as reached on the
 * first of the birth month: in that one month the age may be a year too high.
 */
export function ageOf(answers: Answers, today: Date): number | undefined {
  const born = answers[birthYear];
  const bornMonth = answers[birthMonth];
  if (typeof born !== 'number' || typeof bornMonth !== 'number') return undefined;
  const { year, month } = stockholmToday(today);
  return Math.floor((year * 12 + month - (born * 12 + bornMonth)) / 12);
}

/**
 * A typed number (any digits: Arabic-Indic, Persian) as the answer to a number
 * question, or undefined when it is not one the question takes. The one rule for
 * the island and for answers read from an address.
 */
export function acceptNumber(q: Extract<Question, { kind: 'number' }>, typed: string, today: Date): number | undefined {
  const digits = asciiDigits(typed);
  if (!/^\d{1,4}$/.test(digits)) return undefined;
  const n = Number(digits);
  const max = q.year ? Math.min(q.max, stockholmToday(today).year) : q.max;
  return n >= q.min && n <= max ? n : undefined;
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
  /** "first": the way in; "also": worth knowing, but another outcome that applies comes first (its door is not shown). */
  rank: 'first' | 'also';
  door: Door | undefined;
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
  const outranked = new Set(chosen.flatMap((o) => o.outranks));
  const ranked = [...chosen.filter((o) => !outranked.has(o.id)), ...chosen.filter((o) => outranked.has(o.id))];
  return ranked.map((o) => ({
    id: o.id,
    reason: (o.reasons.find((r) => !r.when || holds(r.when, answers, today) === true) ?? o.reasons.at(-1)!).id,
    rank: outranked.has(o.id) ? 'also' : 'first',
    door: o.door,
    guide: o.guide,
    services: o.services,
  }));
}

/** Coded answers from a URL query: unknown keys and invalid values are ignored, never trusted. */
export function readAnswers(rules: Rules, params: URLSearchParams, today: Date): Answers {
  const answers: Answers = {};
  for (const q of rules.questions) {
    const raw = params.get(q.id);
    if (raw === null) continue;
    if (q.kind === 'number') {
      const n = /^\d+$/.test(raw) ? acceptNumber(q, raw, today) : undefined;
      if (n !== undefined) answers[q.id] = n;
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
