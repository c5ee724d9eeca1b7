import { describe, expect, it } from 'vitest';
import { askedQuestions, evaluate, nextQuestion, progress, prune, readAnswers, writeAnswers } from '../../src/questionnaire/engine';
import { questionnaire as rules, parseRules } from '../../src/questionnaire/rules';
import type { Answers } from '../../src/questionnaire/schema';

const spring = new Date('2026-03-10T10:00:00Z');
const autumn = new Date('2026-09-10T10:00:00Z');

/** A resident adult who works, has finished school, speaks Swedish and has no other flags. */
const base: Answers = { resident: 'yes', activity: 'work', gymnasium: 'yes', swedish: 'good', income: 'no', af: 'no', business: 'no', health: 'no' };
const ids = (answers: Answers, today = spring) => evaluate(rules, answers, today).map((r) => r.id).sort();

// [case, answers, today, outcomes expected]
const cases: [string, Answers, Date, string[]][] = [
  ['15-year-old: too young, honest "nothing fits"', { age: 15 }, spring, ['nothing-fits']],
  ['16-year-old not in school without gymnasium: KAA and Jobbtorg Unga', { ...base, age: 16, activity: 'neither', gymnasium: 'no' }, spring, ['kaa', 'youth']],
  ['16-year-old studying: nothing to add', { ...base, age: 16, activity: 'study' }, spring, ['nothing-fits']],
  ['17-year-old working without gymnasium: KAA', { ...base, age: 17, activity: 'work', gymnasium: 'no' }, spring, ['kaa']],
  ['17-year-old not in school (persona)', { ...base, age: 17, activity: 'neither', gymnasium: 'no' }, spring, ['kaa', 'youth']],
  ['19-year-old without gymnasium in spring: KAA, no komvux yet', { ...base, age: 19, activity: 'neither', gymnasium: 'no' }, spring, ['kaa', 'youth']],
  ['19-year-old without gymnasium in autumn: komvux may open', { ...base, age: 19, activity: 'neither', gymnasium: 'no' }, autumn, ['kaa', 'komvux', 'youth']],
  ['20-year-old without gymnasium: komvux, no KAA', { ...base, age: 20, activity: 'neither', gymnasium: 'no' }, spring, ['komvux', 'youth']],
  ['19-year-old with gymnasium, not working: Jobbtorg Unga only', { ...base, age: 19, activity: 'neither' }, spring, ['youth']],
  ['29-year-old neither working nor studying: Jobbtorg Unga', { ...base, age: 29, activity: 'neither' }, spring, ['youth']],
  ['30-year-old neither working nor studying: a job centre, not Unga', { ...base, age: 30, activity: 'neither' }, spring, ['job-centre']],
  ['29-year-old with "other": Jobbtorg Unga', { ...base, age: 29, activity: 'other' }, spring, ['youth']],
  ['30-year-old working: nothing fits', { ...base, age: 30 }, spring, ['nothing-fits']],
  ['not registered in Stockholm', { age: 34, resident: 'no' }, spring, ['not-resident']],
  ['not registered, 17: still only the own municipality', { age: 17, resident: 'no' }, spring, ['not-resident']],
  ['34-year-old newcomer with little Swedish, in the establishment programme (persona)', { ...base, age: 34, activity: 'neither', swedish: 'little', af: 'establishment', gymnasium: 'no', income: 'no' }, spring, ['establishment', 'job-centre', 'komvux', 'sfi']],
  ['34-year-old newcomer with little Swedish, not in the programme', { ...base, age: 34, activity: 'study', swedish: 'little' }, spring, ['sfi']],
  ['45-year-old on income support with a business idea (persona)', { ...base, age: 45, activity: 'neither', income: 'yes', business: 'yes' }, spring, ['income-support', 'jobbstart']],
  ['applied for income support', { ...base, age: 40, income: 'applied' }, spring, ['income-support']],
  ['income support and health issues', { ...base, age: 50, income: 'yes', health: 'yes' }, spring, ['health', 'income-support']],
  ['health issues, prefer not to say: no health outcome', { ...base, age: 50, health: 'skip' }, spring, ['nothing-fits']],
  ['health issues said: district office, Supported Employment', { ...base, age: 50, health: 'yes' }, spring, ['health']],
  ['business idea alone', { ...base, age: 25, business: 'yes' }, spring, ['jobbstart']],
  ['16-year-old with little Swedish in school: SFI', { ...base, age: 16, activity: 'study', swedish: 'little' }, spring, ['sfi']],
  ['some Swedish: no SFI', { ...base, age: 40, swedish: 'some' }, spring, ['nothing-fits']],
  ['registered at Arbetsförmedlingen only: nothing extra', { ...base, age: 40, af: 'registered' }, spring, ['nothing-fits']],
  ['establishment programme alone', { ...base, age: 28, af: 'establishment' }, spring, ['establishment']],
  ['65-year-old with no gymnasium: komvux', { ...base, age: 65, gymnasium: 'no' }, spring, ['komvux']],
  ['everything at once, 22', { ...base, age: 22, activity: 'neither', gymnasium: 'no', swedish: 'little', income: 'yes', af: 'establishment', business: 'yes', health: 'yes' }, spring, ['establishment', 'health', 'income-support', 'jobbstart', 'komvux', 'sfi', 'youth']],
];

describe('evaluate: answers + rules + today → outcomes', () => {
  it.each(cases)('%s', (_name, answers, today, expected) => {
    expect(ids(answers, today)).toEqual([...expected].sort());
  });

  it('reaches every outcome', () => {
    const reached = new Set(cases.flatMap(([, a, t]) => ids(a, t)));
    for (const o of rules.outcomes) expect(reached, o.id).toContain(o.id);
  });

  it.each([
    ['kaa', { ...base, age: 17, activity: 'neither', gymnasium: 'no' }, 'default'],
    ['komvux', { ...base, age: 19, gymnasium: 'no' }, 'turning20'],
    ['komvux', { ...base, age: 44, gymnasium: 'no' }, 'default'],
    ['income-support', { ...base, age: 40, income: 'applied' }, 'applied'],
    ['income-support', { ...base, age: 40, income: 'yes' }, 'default'],
    ['nothing-fits', { age: 14 }, 'young'],
    ['nothing-fits', { ...base, age: 40 }, 'default'],
  ] as const)('explains %s with the reason that fits (%#)', (id, answers, reason) => {
    const result = evaluate(rules, answers, autumn).find((r) => r.id === id);
    expect(result?.reason).toBe(reason);
  });

  it('sends each booking outcome to the right meeting type', () => {
    const doors = Object.fromEntries(rules.outcomes.map((o) => [o.id, o.door]));
    expect(doors.youth).toEqual({ kind: 'book', meetingType: 'youth' });
    expect(doors.sfi).toEqual({ kind: 'book', meetingType: 'sfi-test' });
    expect(doors.jobbstart).toEqual({ kind: 'book', meetingType: 'jobbstart' });
    expect(doors['income-support']).toEqual({ kind: 'district' });
    expect(doors.establishment).toEqual({ kind: 'arbetsformedlingen' });
  });
});

describe('only questions that can change the result are asked', () => {
  it('stops after the age for someone under 16', () => {
    expect(askedQuestions(rules, { age: 15 }, spring).map((q) => q.id)).toEqual(['age']);
    expect(nextQuestion(rules, { age: 15 }, spring)).toBeUndefined();
  });
  it('stops after residence for someone not registered in Stockholm', () => {
    expect(nextQuestion(rules, { age: 40, resident: 'no' }, spring)).toBeUndefined();
  });
  it('does not ask a studying teenager about upper-secondary school', () => {
    expect(askedQuestions(rules, { age: 17, resident: 'yes', activity: 'study' }, spring).map((q) => q.id)).not.toContain('gymnasium');
  });
  it('asks under-18s neither about income support, Arbetsförmedlingen nor a business', () => {
    const asked = askedQuestions(rules, { age: 17, resident: 'yes', activity: 'neither', gymnasium: 'no', swedish: 'good' }, spring).map((q) => q.id);
    expect(asked).toEqual(['age', 'resident', 'activity', 'gymnasium', 'swedish', 'health']);
  });
  it('asks an adult all nine', () => {
    expect(askedQuestions(rules, { age: 30, ...base }, spring)).toHaveLength(9);
  });
  it('counts progress over the questions still possible', () => {
    expect(progress(rules, {}, 'age', spring)).toEqual({ index: 1, total: 9 });
    expect(progress(rules, { age: 17, resident: 'yes' }, 'activity', spring)).toEqual({ index: 3, total: 6 });
    expect(progress(rules, { age: 17, resident: 'yes', activity: 'study' }, 'swedish', spring)).toEqual({ index: 4, total: 5 });
  });
  it('drops answers that no longer apply when an earlier one changes', () => {
    const adult = { age: 40, ...base, income: 'yes' };
    expect(prune(rules, { ...adult, age: 17 }, spring)).not.toHaveProperty('income');
    expect(prune(rules, { ...adult, resident: 'no' }, spring)).toEqual({ age: 40, resident: 'no' });
  });
});

describe('answers in the URL', () => {
  it('round-trips coded answers and ignores anything else', () => {
    const answers = { age: 17, resident: 'yes', activity: 'neither' };
    const params = writeAnswers(rules, answers);
    expect(params.toString()).toBe('age=17&resident=yes&activity=neither');
    params.set('name', 'Amina');
    params.set('swedish', 'fluent-ish');
    params.set('gymnasium', 'no');
    expect(readAnswers(rules, params)).toEqual({ ...answers, gymnasium: 'no' });
  });
  it.each(['0', '121', '-1', '17.5', '1e2', 'abc', ''])('refuses the age "%s"', (age) => {
    expect(readAnswers(rules, new URLSearchParams({ age }))).toEqual({});
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
  it('reads ages typed with Arabic-Indic or Persian digits', async () => {
    const { asciiDigits } = await import('../../src/questionnaire/view');
    expect(asciiDigits('١٧')).toBe('17');
    expect(asciiDigits('۳۴ ')).toBe('34');
    expect(asciiDigits('45')).toBe('45');
  });
});
