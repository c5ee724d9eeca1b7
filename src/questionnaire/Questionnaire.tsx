import './questionnaire.css';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import BackLink from '../components/form/BackLink';
import CheckAnswers from '../components/form/CheckAnswers';
import ContinueButton from '../components/form/ContinueButton';
import ErrorSummary from '../components/form/ErrorSummary';
import Radio from '../components/form/Radio';
import { acceptNumber, ageOf, askedQuestions, birthQuestions, evaluate, nextQuestion, progress, prune, readAnswers, writeAnswers, type Result } from './engine';
import type { Answers, Question } from './schema';
import { carryToLanguageLinks } from '../i18n/carry-query';
import { persianDigits } from '../i18n/digits';
import { fill } from '../i18n/fill';
import { sayer } from '../i18n/island-strings';
import type { QuestionnaireProps } from './view';

type Step = { kind: 'question'; id: string } | { kind: 'check' } | { kind: 'result' };

const STEP = 'steg';
const CHECK = 'kontroll';
const RESULT = 'resultat';

/** The step a URL asks for, corrected to one the answers allow (a shared or edited link cannot skip questions). */
function stepFrom(props: QuestionnaireProps, answers: Answers, wanted: string | null, today: Date): Step {
  const next = nextQuestion(props.rules, answers, today);
  const asked = askedQuestions(props.rules, answers, today);
  if (wanted && asked.some((q) => q.id === wanted)) return { kind: 'question', id: wanted };
  if (next) return { kind: 'question', id: next.id };
  return wanted === RESULT ? { kind: 'result' } : { kind: 'check' };
}

function urlFor(props: QuestionnaireProps, answers: Answers, step: Step): string {
  const params = writeAnswers(props.rules, answers);
  // A fresh start keeps the page's plain address.
  if (params.size === 0 && step.kind === 'question' && step.id === props.rules.questions[0]!.id) return location.pathname;
  params.set(STEP, step.kind === 'question' ? step.id : step.kind === 'check' ? CHECK : RESULT);
  return `?${params}`;
}

export default function Questionnaire(props: QuestionnaireProps) {
  const { rules, strings } = props;
  const s = sayer<'questionnaire'>(strings);
  /** The words of a question or an answer: keys named after the rules' ids (content/questionnaire/rules.json). */
  const q = (key: string, values?: Record<string, string | number>) => s.first([key], '', values);
  // Numbers in the page's digits: a Persian page never mixes in ASCII ones.
  const number = (n: number) => (props.persianDigits ? persianDigits(String(n)) : String(n));
  const today = new Date();

  /**
   * State from the address. Answers given since (when going back) are kept, as
   * GOV.UK question pages do; the plain address is the first question.
   */
  const fromUrl = (kept: Answers = {}) => {
    const params = new URLSearchParams(location.search);
    const answers = prune(rules, { ...kept, ...readAnswers(rules, params, today) }, today);
    const wanted = params.get(STEP) ?? (params.size === 0 ? rules.questions[0]!.id : null);
    return { answers, step: stepFrom(props, answers, wanted, today) };
  };
  // The page is built with the first question in place (no layout shift when the island starts),
  // and hydration must begin from exactly that; the address's step follows once mounted.
  // `read`: the address has been read (and from then on the address follows the state).
  const firstQuestion = rules.questions[0]!.id;
  const [state, setState] = useState<{ answers: Answers; step: Step; read: boolean }>({ answers: {}, step: { kind: 'question', id: firstQuestion }, read: false });
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState(false);
  const [draft, setDraft] = useState<string>('');
  /** The field's value for a step: its answer, if given. */
  const draftFor = (s: { answers: Answers; step: Step }) => {
    const value = s.step.kind === 'question' ? s.answers[s.step.id] : undefined;
    return value === undefined ? '' : String(value);
  };
  /** Set when the draft has just been chosen with the state, for the address effect to keep. */
  const draftChosen = useRef(false);
  useLayoutEffect(() => {
    // An answer given on the built first question before the island started is kept, in the same
    // render as the address's step, so the field never shows empty in between.
    const typed = form.current ? String(new FormData(form.current).get(firstQuestion) ?? '') : '';
    const next = fromUrl();
    const onFirst = next.step.kind === 'question' && next.step.id === firstQuestion;
    setState({ ...next, read: true });
    setDraft(draftFor(next) || (onFirst ? typed : ''));
    draftChosen.current = true;
  }, []);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const moved = useRef(false);

  const { answers, step } = state;
  const question = step.kind === 'question' ? rules.questions.find((q) => q.id === step.id) : undefined;

  useEffect(() => {
    // Not before the address has been read: the built first question must not replace a deep link.
    if (!state.read) return;
    const url = urlFor(props, answers, step);
    if (location.pathname + location.search !== new URL(url, location.href).pathname + new URL(url, location.href).search) {
      history.replaceState(null, '', url);
    }
    carryToLanguageLinks(new URL(url, location.href).search);
    if (draftChosen.current) draftChosen.current = false;
    else setDraft(draftFor(state));
    // Each new step's heading takes focus, so screen readers start there; not on first load.
    if (moved.current) heading.current?.focus();
  }, [step, answers, state.read]);

  useEffect(() => {
    const onPop = () => {
      moved.current = true;
      setError(false);
      setState((current) => ({ ...fromUrl(current.answers), read: true }));
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  function go(next: Step, nextAnswers: Answers = answers) {
    moved.current = true;
    setError(false);
    history.pushState(null, '', urlFor(props, nextAnswers, next));
    setState({ answers: nextAnswers, step: next, read: true });
  }

  function submit(event: Event) {
    event.preventDefault();
    if (!question) return;
    // What the form holds: an answer typed or chosen on the built page before the island started counts too.
    const given = String(new FormData(event.currentTarget as HTMLFormElement).get(question.id) ?? '');
    setDraft(given);
    const value = question.kind === 'number' ? acceptNumber(question, given, today) : question.options.includes(given) ? given : undefined;
    if (value === undefined) {
      setError(true);
      // The error summary takes focus and is read out (GOV.UK error summary pattern).
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    const nextAnswers = prune(rules, { ...answers, [question.id]: value }, today);
    const following = nextQuestion(rules, nextAnswers, today);
    go(following ? { kind: 'question', id: following.id } : { kind: 'check' }, nextAnswers);
  }

  const asked = askedQuestions(rules, answers, today);
  const previous = (() => {
    if (step.kind === 'result') return { kind: 'check' } as Step;
    const index = step.kind === 'question' ? asked.findIndex((q) => q.id === step.id) : asked.length;
    const before = asked[index - 1];
    return before ? ({ kind: 'question', id: before.id } as Step) : undefined;
  })();

  const answerText = (question: Question) => {
    const value = answers[question.id];
    if (typeof value === 'number') return question.id === birthQuestions[1] ? (props.monthNames[value - 1] ?? number(value)) : number(value);
    return q(`q.${question.id}.${value}`);
  };

  const back = previous && <BackLink href={urlFor(props, answers, previous)} label={s('back')} onClick={() => go(previous)} />;

  if (question) {
    const { index, total } = progress(rules, answers, question.id, today);
    const fieldId = question.kind === 'number' ? `q-${question.id}` : `q-${question.id}-${question.options[0]}`;
    const hint = q(`q.${question.id}.hint`) || undefined;
    const errorText = question.kind === 'number' ? q(`error.${question.id}`) : s('error.choose');
    const describedBy = [hint && `q-${question.id}-hint`, error && `q-${question.id}-error`].filter(Boolean).join(' ') || undefined;
    return (
      <div class="questionnaire">
        {back}
        {error && <ErrorSummary id="q-errors" title={s('error.title')} items={[{ text: errorText, target: fieldId }]} summaryRef={summary} />}
        <form ref={form} class={error ? 'question question--error' : 'question'} onSubmit={submit} noValidate>
          <p class="progress">{s('progress', { index: number(index), total: number(total) })}</p>
          {question.kind === 'number' ? (
            <div class="field">
              <h2 class="question__heading" ref={heading} tabIndex={-1}>
                {q(`q.${question.id}.legend`)}
              </h2>
              <label for={fieldId}>{q(`q.${question.id}.label`)}</label>
              {hint && <p class="hint" id={`q-${question.id}-hint`}>{hint}</p>}
              {error && <p class="error-message" id={`q-${question.id}-error`}>{errorText}</p>}
              <input
                id={fieldId}
                name={question.id}
                class="input input--short"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                spellcheck={false}
                value={draft}
                aria-describedby={describedBy}
                aria-invalid={error || undefined}
                onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
              />
            </div>
          ) : (
            <fieldset aria-describedby={describedBy}>
              <legend>
                <h2 class="question__heading" ref={heading} tabIndex={-1}>
                  {q(`q.${question.id}.legend`)}
                </h2>
              </legend>
              {hint && <p class="hint" id={`q-${question.id}-hint`}>{hint}</p>}
              {error && <p class="error-message" id={`q-${question.id}-error`}>{errorText}</p>}
              <div class="radios">
                {question.options.map((option) => (
                  <Radio
                    key={option}
                    name={question.id}
                    id={`q-${question.id}-${option}`}
                    value={option}
                    label={q(`q.${question.id}.${option}`)}
                    checked={draft === option}
                    onChange={() => setDraft(option)}
                  />
                ))}
              </div>
            </fieldset>
          )}
          <ContinueButton label={s('continue')} />
        </form>
      </div>
    );
  }

  if (step.kind === 'check') {
    return (
      <div class="questionnaire">
        {back}
        <h2 class="question__heading" ref={heading} tabIndex={-1}>
          {s('check.heading')}
        </h2>
        <CheckAnswers
          rows={asked.map((question) => ({
            key: question.id,
            label: q(`q.${question.id}.legend`),
            value: answerText(question),
            change: (
              <a
                href={urlFor(props, answers, { kind: 'question', id: question.id })}
                onClick={(e) => {
                  e.preventDefault();
                  go({ kind: 'question', id: question.id });
                }}
              >
                {s('check.change')}
                <span class="visually-hidden"> {s('check.changeContext', { question: q(`q.${question.id}.legend`) })}</span>
              </a>
            ),
          }))}
        />
        <button type="button" class="button" onClick={() => go({ kind: 'result' })}>
          {s('check.submit')}
        </button>
      </div>
    );
  }

  const results = evaluate(rules, answers, today);
  const age = ageOf(answers, today);
  const first = results.filter((r) => r.rank === 'first');
  const also = results.filter((r) => r.rank === 'also');
  const outcome = (result: Result, level: 'h3' | 'h4') => {
    const view = props.outcomes[result.id]!;
    const Heading = level;
    // An outcome another one comes before shows no way in of its own: the first one's door is the way.
    const next = result.rank === 'first' ? view.next : undefined;
    return (
      <section class="outcome" aria-labelledby={`outcome-${result.id}`} key={result.id}>
        <Heading id={`outcome-${result.id}`}>{view.title}</Heading>
        <p>
          <strong>{s('result.why')}: </strong>
          {fill(view.why[result.reason] ?? '', { age: age === undefined ? '' : number(age) })}
        </p>
        {view.toConfirm && <p class="example-note">{view.toConfirm}</p>}
        {next && (
          <>
            <p class="outcome__next">
              <strong>{s('result.next')}: </strong>
              {next.text}
            </p>
            {next.link && (
              <p>
                <a class={next.link.button ? 'button' : undefined} href={next.link.href} rel={next.link.external ? 'external' : undefined}>
                  {next.link.label}
                </a>
              </p>
            )}
          </>
        )}
        {view.guide && (
          <p>
            {s('result.guide')}: <a href={view.guide.href}>{view.guide.label}</a>
          </p>
        )}
        {view.services.length > 0 && (
          <>
            <p class="outcome__services">{s('result.services')}</p>
            <ul aria-label={s('result.services')}>
              {view.services.map((service) => (
                <li key={service.href}>
                  <a href={service.href}>{service.label}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    );
  };
  return (
    <div class="questionnaire questionnaire--result">
      {back}
      <h2 class="question__heading" ref={heading} tabIndex={-1}>
        {s('result.heading')}
      </h2>
      <p class="notice">{s('result.guidance')}</p>
      {first.map((result) => outcome(result, 'h3'))}
      {also.length > 0 && (
        <section class="outcomes-also" aria-labelledby="outcomes-also">
          <h3 id="outcomes-also">{s('result.also.heading')}</h3>
          <p>{s('result.also.lead')}</p>
          {also.map((result) => outcome(result, 'h4'))}
        </section>
      )}
      <p class="questionnaire__actions">
        <a
          href={urlFor(props, answers, { kind: 'check' })}
          onClick={(e) => {
            e.preventDefault();
            go({ kind: 'check' });
          }}
        >
          {s('result.change')}
        </a>
        <a
          href="?"
          onClick={(e) => {
            e.preventDefault();
            go({ kind: 'question', id: rules.questions[0]!.id }, {});
          }}
        >
          {s('result.restart')}
        </a>
      </p>
    </div>
  );
}
