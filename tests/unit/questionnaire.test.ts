import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localeIds } from '../../src/i18n/locales';
import { asciiDigits } from '../../src/i18n/digits';
import { acceptNumber, ageOf, askedQuestions, evaluate, nextQuestion, progress, prune, readAnswers, writeAnswers } from '../../src/questionnaire/engine';
import { questionnaire as rules, parseRules } from '../../src/questionnaire/rules';
import type { Answers, Question } from '../../src/questionnaire/schema';

const spring = new Date('2026-03-10T10:00:00Z');
const autumn = new Date('2026-09-10T10:00:00Z');
const born = (year: number, month: number): Answers => ({ year, month });

/** A resident adult who works, has finished school, speaks Swedish and has no other flags. */
const adult: Answers = { resident: 'yes', activity: 'work', gymnasium: 'yes', swedish: 'good', income: 'no', af: 'no', business: 'no', health: 'no' };
/** Under 18: income support, Arbetsförmedlingen and a business are not asked. */
const teen: Answers = { resident: 'yes', swedish: 'good', health: 'no' };

type Expected = { first: string[]; also?: string[] };
const doors = (answers: Answers, today: Date) => {
  const results = evaluate(rules, answers, today);
  const ids = (rank: string) => results.filter((r) => r.rank === rank).map((r) => r.id).sort();
  return { first: ids('first'), also: ids('also') };
};

/**
 * Test people and the doors the seeds give them, written from the seeds (file:line
 * in the name), not from the engine's output. Ages: in spring (10 March 2026) and
 * autumn (10 September 2026), from the birth year and month.
 */
const people: [string, Answers, Date, Expected][] = [
  ['15, still in year 9: the school counsellor, not KAA yet (001:58 "fullgjort sin skolplikt")', { ...born(2011, 1), compulsory: 'no' }, spring, { first: ['school'] }],
  ['15, left year 9 without an upper-secondary place: KAA (001:58)', { ...born(2010, 12), compulsory: 'yes', ...teen, activity: 'neither', gymnasium: 'no' }, autumn, { first: ['kaa'] }],
  ['16 in upper-secondary school: nothing to add', { ...born(2010, 1), compulsory: 'yes', ...teen, activity: 'study' }, spring, { first: ['nothing-fits'] }],
  ['17 working without upper-secondary school: KAA (001:58 "inte genomför eller har fullföljt")', { ...born(2009, 2), ...teen, activity: 'work', gymnasium: 'no' }, spring, { first: ['kaa'] }],
  ['17 neither working nor studying: KAA and Jobbtorg Unga', { ...born(2008, 6), ...teen, activity: 'neither', gymnasium: 'no' }, spring, { first: ['kaa', 'youth'] }],
  ['17 on sick leave without upper-secondary school: Försäkringskassan first, KAA also', { ...born(2008, 6), ...teen, activity: 'sick', gymnasium: 'no' }, spring, { first: ['sick-leave'], also: ['kaa'] }],
  ['19, born in January, spring: KAA and Unga; komvux not before July of the year of 20 (outside the seeds)', { ...born(2007, 1), ...adult, activity: 'neither', gymnasium: 'no' }, spring, { first: ['kaa', 'youth'] }],
  ['19 turning 20 in November, autumn: komvux is open from July (outside the seeds)', { ...born(2006, 11), ...adult, activity: 'neither', gymnasium: 'no' }, autumn, { first: ['kaa', 'komvux', 'youth'] }],
  ['the same 19-year-old in spring: not yet komvux', { ...born(2006, 11), ...adult, activity: 'neither', gymnasium: 'no' }, spring, { first: ['kaa', 'youth'] }],
  ['20, born in February, in March: no KAA (001:58 "inte fyllt 20"), komvux only from July', { ...born(2006, 2), ...adult, activity: 'neither', gymnasium: 'no' }, spring, { first: ['youth'] }],
  ['20, born in February, in September: komvux', { ...born(2006, 2), ...adult, activity: 'neither', gymnasium: 'no' }, autumn, { first: ['komvux', 'youth'] }],
  ['29 neither working nor studying, no income support: Jobbtorg Unga (UVAS 20–29, 004:104)', { ...born(1996, 6), ...adult, activity: 'neither' }, spring, { first: ['youth'] }],
  ['30 out of work without income support: Arbetsförmedlingen, not a job centre (001:71, 002:1424)', { ...born(1996, 1), ...adult, activity: 'neither', af: 'registered' }, spring, { first: ['arbetsformedlingen'] }],
  ['45 out of work, not registered anywhere: Arbetsförmedlingen', { ...born(1981, 5), ...adult, activity: 'neither' }, spring, { first: ['arbetsformedlingen'] }],
  ['40 on income support: the district office (002:1424 "via försörjningsstöd")', { ...born(1986, 5), ...adult, activity: 'neither', income: 'yes' }, spring, { first: ['income-support'] }],
  ['35 who has applied for income support: the district office', { ...born(1991, 5), ...adult, income: 'applied' }, spring, { first: ['income-support'] }],
  ['25 on income support: the district office first, Jobbtorg Unga also', { ...born(2001, 1), ...adult, activity: 'neither', income: 'yes' }, spring, { first: ['income-support'], also: ['youth'] }],
  ['32 on parental leave: not "neither working nor studying"', { ...born(1994, 1), ...adult, activity: 'parental' }, spring, { first: ['nothing-fits'] }],
  ['28 on parental leave: not Jobbtorg Unga', { ...born(1998, 1), ...adult, activity: 'parental' }, spring, { first: ['nothing-fits'] }],
  ['40 on sick leave without income support: Försäkringskassan', { ...born(1986, 1), ...adult, activity: 'sick' }, spring, { first: ['sick-leave'] }],
  ['40 on sick leave with income support: Försäkringskassan and the district office', { ...born(1986, 1), ...adult, activity: 'sick', income: 'yes' }, spring, { first: ['income-support', 'sick-leave'] }],
  ['24 on sick leave: not Jobbtorg Unga', { ...born(2002, 1), ...adult, activity: 'sick' }, spring, { first: ['sick-leave'] }],
  ['34 newcomer in the establishment programme, little Swedish: Arbetsförmedlingen first (001:62)', { ...born(1992, 1), ...adult, activity: 'neither', swedish: 'little', af: 'establishment', gymnasium: 'no' }, spring, { first: ['establishment'], also: ['komvux', 'sfi'] }],
  ['27 in the establishment programme with income support: Arbetsförmedlingen first', { ...born(1999, 1), ...adult, activity: 'neither', af: 'establishment', income: 'yes' }, spring, { first: ['establishment'], also: ['income-support', 'youth'] }],
  ['34 newcomer studying, little Swedish, not in the programme: SFI at Vuxenutbildning (002:1068)', { ...born(1992, 1), ...adult, activity: 'study', swedish: 'little' }, spring, { first: ['sfi'] }],
  ['16 in school with little Swedish: SFI from 16 (002:1068)', { ...born(2010, 1), compulsory: 'yes', ...teen, activity: 'study', swedish: 'little' }, spring, { first: ['sfi'] }],
  ['not registered in Stockholm, 34: the own municipality', { ...born(1992, 1), resident: 'no' }, spring, { first: ['not-resident'] }],
  ['not registered in Stockholm, 17', { ...born(2009, 1), resident: 'no' }, spring, { first: ['not-resident'] }],
  ['45 on income support with a business idea: the district office; Jobbstart through the coach (000:96)', { ...born(1981, 1), ...adult, activity: 'neither', income: 'yes', business: 'yes' }, spring, { first: ['income-support'], also: ['jobbstart'] }],
  ['38 employed with a business idea: ordinary business advice, not Jobbstart (000:96)', { ...born(1988, 1), ...adult, business: 'yes' }, spring, { first: ['business-advice'] }],
  ['26 neither working nor studying with a business idea: Jobbtorg Unga and Jobbstart', { ...born(2000, 1), ...adult, activity: 'neither', business: 'yes' }, spring, { first: ['jobbstart', 'youth'] }],
  ['50 working with a disability: the district office (001:65)', { ...born(1976, 1), ...adult, health: 'yes' }, spring, { first: ['health'] }],
  ['50 with a disability and income support: the district office', { ...born(1976, 1), ...adult, health: 'yes', income: 'yes' }, spring, { first: ['health', 'income-support'] }],
  ['35 out of work with a disability, no income support: the district office first', { ...born(1991, 1), ...adult, activity: 'neither', health: 'yes' }, spring, { first: ['health'], also: ['arbetsformedlingen'] }],
  ['50 who prefers not to say about health: nothing added', { ...born(1976, 1), ...adult, health: 'skip' }, spring, { first: ['nothing-fits'] }],
  ['40 with some Swedish, working: no SFI', { ...born(1986, 1), ...adult, swedish: 'some' }, spring, { first: ['nothing-fits'] }],
  ['65 working without upper-secondary school: komvux', { ...born(1961, 1), ...adult, gymnasium: 'no' }, spring, { first: ['komvux'] }],
  ['registered at Arbetsförmedlingen, working: nothing extra', { ...born(1986, 1), ...adult, af: 'registered' }, spring, { first: ['nothing-fits'] }],
];

describe('test people: answers + rules + today → the doors the seeds give', () => {
  it.each(people)('%s', (_name, answers, today, expected) => {
    expect(doors(answers, today)).toEqual({ first: [...expected.first].sort(), also: [...(expected.also ?? [])].sort() });
  });

  it('reaches every outcome', () => {
    const reached = new Set(people.flatMap(([, a, t]) => evaluate(rules, a, t).map((r) => r.id)));
    for (const o of rules.outcomes) expect(reached, o.id).toContain(o.id);
  });

  it.each([
    ['komvux', { ...born(2006, 11), ...adult, gymnasium: 'no' }, 'turning20'],
    ['komvux', { ...born(1982, 1), ...adult, gymnasium: 'no' }, 'default'],
    ['income-support', { ...born(1986, 1), ...adult, income: 'applied' }, 'applied'],
    ['income-support', { ...born(1986, 1), ...adult, income: 'yes' }, 'default'],
    ['sick-leave', { ...born(1986, 1), ...adult, activity: 'sick', income: 'applied' }, 'income'],
    ['sick-leave', { ...born(1986, 1), ...adult, activity: 'sick' }, 'default'],
    ['nothing-fits', { ...born(1986, 1), ...adult, activity: 'parental' }, 'parental'],
    ['nothing-fits', { ...born(1986, 1), ...adult }, 'default'],
  ] as const)('explains %s with the reason that fits (%#)', (id, answers, reason) => {
    expect(evaluate(rules, answers, autumn).find((r) => r.id === id)?.reason).toBe(reason);
  });

  it('sends each outcome to its door', () => {
    const door = Object.fromEntries(rules.outcomes.map((o) => [o.id, o.door]));
    expect(door.youth).toEqual({ kind: 'book', meetingType: 'youth' });
    expect(door.sfi).toEqual({ kind: 'vuxenutbildning' });
    expect(door.komvux).toEqual({ kind: 'vuxenutbildning' });
    expect(door['sick-leave']).toEqual({ kind: 'forsakringskassan' });
    expect(door['income-support']).toEqual({ kind: 'district' });
    expect(door.establishment).toEqual({ kind: 'arbetsformedlingen' });
    expect(door['business-advice']).toEqual({ kind: 'business-advice' });
    expect(door.school).toBeUndefined();
  });
});

/** Every combination of answers the questionnaire can produce, on both dates. */
function* everyone(): Generator<[Answers, Date]> {
  const options = (id: string) => (rules.questions.find((q) => q.id === id) as Extract<Question, { kind: 'choice' }>).options;
  for (const today of [spring, autumn])
    for (const year of [2012, 2011, 2010, 2009, 2007, 2006, 2005, 1997, 1996, 1980])
      for (const month of [1, 7, 11]) {
        const start = { year, month };
        const walk = function* (answers: Answers): Generator<Answers> {
          const q = nextQuestion(rules, answers, today);
          if (!q) return yield answers;
          for (const option of options(q.id)) yield* walk({ ...answers, [q.id]: option });
        };
        for (const answers of walk(start)) yield [answers, today];
      }
}

describe('no result shows doors that contradict each other', () => {
  const bookHere = new Set(['book', 'youth']);
  const authority = new Set(['district', 'arbetsformedlingen', 'forsakringskassan']);
  it('never "book here" beside the district office, Arbetsförmedlingen or Försäkringskassan, nor the district office beside Arbetsförmedlingen', () => {
    let people = 0;
    for (const [answers, today] of everyone()) {
      people++;
      const kinds = evaluate(rules, answers, today)
        .filter((r) => r.rank === 'first' && r.door)
        .map((r) => r.door!.kind);
      const mixed = kinds.some((k) => bookHere.has(k)) && kinds.some((k) => authority.has(k));
      expect(mixed, `${JSON.stringify(answers)} → ${kinds}`).toBe(false);
      expect(kinds.includes('district') && kinds.includes('arbetsformedlingen'), JSON.stringify(answers)).toBe(false);
    }
    expect(people).toBeGreaterThan(10_000);
  });
  it('always gives at least one outcome first', () => {
    for (const [answers, today] of everyone()) expect(evaluate(rules, answers, today).some((r) => r.rank === 'first')).toBe(true);
  });
});

describe('age from the birth year and month', () => {
  it('counts whole years, the birthday reached on the first of the birth month', () => {
    expect(ageOf(born(2006, 3), spring)).toBe(20);
    expect(ageOf(born(2006, 4), spring)).toBe(19);
    expect(ageOf(born(2006, 9), autumn)).toBe(20);
    expect(ageOf({ year: 2006 }, spring)).toBeUndefined();
  });
  it('uses the Stockholm calendar: new year in Stockholm comes before UTC', () => {
    expect(ageOf(born(2006, 1), new Date('2025-12-31T23:30:00Z'))).toBe(20);
  });
  it('refuses a birth year in the future or a month outside 1–12, and reads any digits', () => {
    const year = rules.questions.find((q) => q.id === 'year') as Extract<Question, { kind: 'number' }>;
    const month = rules.questions.find((q) => q.id === 'month') as Extract<Question, { kind: 'number' }>;
    expect(acceptNumber(year, '2026', spring)).toBe(2026);
    expect(acceptNumber(year, '2027', spring)).toBeUndefined();
    expect(acceptNumber(year, '۱۹۹۰', spring)).toBe(1990);
    expect(acceptNumber(year, '١٩٩٠', spring)).toBe(1990);
    expect(acceptNumber(month, '13', spring)).toBeUndefined();
    expect(acceptNumber(month, '0', spring)).toBeUndefined();
    expect(acceptNumber(month, ' 7 ', spring)).toBe(7);
    expect(acceptNumber(month, '7.5', spring)).toBeUndefined();
  });
  it('turns Arabic-Indic and Persian digits into ASCII', () => {
    expect(asciiDigits('١٧')).toBe('17');
    expect(asciiDigits('۳۴ ')).toBe('34');
  });
});

describe('only questions that can change the result are asked', () => {
  it('asks someone of 16 or younger whether compulsory school is done, and stops if not', () => {
    expect(askedQuestions(rules, { ...born(2011, 1), compulsory: 'no' }, spring).map((q) => q.id)).toEqual(['year', 'month', 'compulsory']);
    expect(nextQuestion(rules, { ...born(2011, 1), compulsory: 'no' }, spring)).toBeUndefined();
    expect(askedQuestions(rules, born(1990, 1), spring).map((q) => q.id)).not.toContain('compulsory');
  });
  it('stops after residence for someone not registered in Stockholm', () => {
    expect(nextQuestion(rules, { ...born(1986, 1), resident: 'no' }, spring)).toBeUndefined();
  });
  it('does not ask a studying teenager about upper-secondary school', () => {
    expect(askedQuestions(rules, { ...born(2009, 1), resident: 'yes', activity: 'study' }, spring).map((q) => q.id)).not.toContain('gymnasium');
  });
  it('asks under-18s neither about income support, Arbetsförmedlingen nor a business', () => {
    const asked = askedQuestions(rules, { ...born(2009, 1), resident: 'yes', activity: 'neither', gymnasium: 'no', swedish: 'good' }, spring).map((q) => q.id);
    expect(asked).toEqual(['year', 'month', 'resident', 'activity', 'gymnasium', 'swedish', 'health']);
  });
  it('asks an adult ten questions', () => {
    expect(askedQuestions(rules, { ...born(1990, 1), ...adult }, spring)).toHaveLength(10);
  });
  it('counts progress over the questions still possible', () => {
    expect(progress(rules, {}, 'year', spring)).toEqual({ index: 1, total: 11 });
    expect(progress(rules, { ...born(2009, 1), resident: 'yes' }, 'activity', spring)).toEqual({ index: 4, total: 7 });
    expect(progress(rules, { ...born(2009, 1), resident: 'yes', activity: 'study' }, 'swedish', spring)).toEqual({ index: 5, total: 6 });
  });
  it('drops answers that no longer apply when an earlier one changes', () => {
    const grown = { ...born(1986, 1), ...adult, income: 'yes' };
    expect(prune(rules, { ...grown, year: 2009 }, spring)).not.toHaveProperty('income');
    expect(prune(rules, { ...grown, resident: 'no' }, spring)).toEqual({ ...born(1986, 1), resident: 'no' });
  });
});

describe('answers in the URL', () => {
  it('round-trips coded answers and ignores anything else', () => {
    const answers = { ...born(2009, 4), resident: 'yes', activity: 'neither' };
    const params = writeAnswers(rules, answers);
    expect(params.toString()).toBe('year=2009&month=4&resident=yes&activity=neither');
    params.set('name', 'Amina');
    params.set('swedish', 'fluent-ish');
    params.set('gymnasium', 'no');
    expect(readAnswers(rules, params, spring)).toEqual({ ...answers, gymnasium: 'no' });
  });
  it.each(['0', '13', '-1', '7.5', '1e1', 'abc', '', '۷'])('refuses the birth month "%s" from an address', (month) => {
    expect(readAnswers(rules, new URLSearchParams({ month }), spring)).toEqual({});
  });
});

describe('outcome texts', () => {
  it.each(localeIds)('%s: every outcome has a title of its own, so no two results read the same', (locale) => {
    const strings = JSON.parse(readFileSync(new URL(`../../locales/${locale}/questionnaire.json`, import.meta.url), 'utf8')) as Record<string, string>;
    const titles = rules.outcomes.map((o) => strings[`outcome.${o.id}.title`]);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe('the rules are data, checked at build', () => {
  it('refuses a condition on a question that does not exist', () => {
    const broken = structuredClone(rules);
    broken.outcomes[0]!.when = { q: 'shoeSize', gte: 40 };
    expect(() => parseRules(broken)).toThrow(/shoeSize/);
  });
  it('refuses an option a question does not have', () => {
    const broken = structuredClone(rules);
    broken.outcomes[0]!.when = { q: 'resident', eq: 'maybe' };
    expect(() => parseRules(broken)).toThrow(/"maybe" is not an option of resident/);
  });
  it('refuses a question that depends on a later one', () => {
    const broken = structuredClone(rules);
    broken.questions[1]!.askIf = { q: 'health', eq: 'yes' };
    expect(() => parseRules(broken)).toThrow(/depends on the later question health/);
  });
  it('refuses outcomes that outrank each other, or an outcome without a source', () => {
    const broken = structuredClone(rules);
    broken.outcomes.find((o) => o.id === 'youth')!.outranks = ['income-support'];
    expect(() => parseRules(broken)).toThrow(/outrank each other/);
    const unsourced = structuredClone(rules);
    const school = unsourced.outcomes.find((o) => o.id === 'school')!;
    school.sources = [];
    expect(() => parseRules(unsourced)).toThrow(/seed source or a toConfirm note/);
  });
  it('refuses a service that is not in the catalog', () => {
    const broken = structuredClone(rules);
    broken.outcomes[1]!.services = ['trollkurs'];
    expect(() => parseRules(broken)).toThrow(/no service trollkurs/);
  });
});

describe('island helpers', () => {
  it('fills placeholders like i18next, leaving unknown ones visible', async () => {
    const { fill } = await import('../../src/i18n/fill');
    expect(fill('Fråga {{index}} av {{total}}', { index: 2, total: 7 })).toBe('Fråga 2 av 7');
    expect(fill('Du är {{ age }} år', { age: 17 })).toBe('Du är 17 år');
    expect(fill('{{missing}}')).toBe('{{missing}}');
  });
});
