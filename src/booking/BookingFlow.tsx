import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { carryToLanguageLinks } from '../i18n/carry-query';
import { fill } from '../i18n/fill';
import { formatClock, formatDay } from '../i18n/format';
import type { FieldErrors } from '../intake/booking-schema';
import {
  bookingBody,
  byDay,
  checkDetails,
  dayPage,
  draftEntries,
  emptyDraft,
  fieldOrder,
  isStep,
  nearestFree,
  nextStep,
  PARAM,
  previousStep,
  readChoices,
  SLOT_DAYS,
  slotParts,
  stepHeading,
  stepQuery,
  steps,
  stepToShow,
  type Choices,
  type Draft,
  type SlotOption,
  type StepId,
} from './flow';
import type { BookingProps, BookingState, FormProblem, StepErrors } from './view';

const stockholmToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const domId = (value: string) => value.replace(/[^a-zA-Z0-9-]/g, '-');

/** The element an error summary link leads to: the first control of the field. */
function fieldTarget(field: string, props: BookingProps, state: BookingState, slotIds: string[]): string {
  switch (field) {
    case 'type':
      return `boka-typ-${props.types[0]?.id}`;
    case 'place':
      return `boka-plats-${props.places.find((p) => p.meetingTypes.includes(state.choices.type ?? ''))?.id}`;
    case 'time':
      return slotIds[0] ? `boka-tid-${domId(slotIds[0])}` : 'boka-tid-heading';
    default:
      return `boka-${field}`;
  }
}

export default function BookingFlow(props: BookingProps) {
  const { strings, locale, action } = props;
  const s = (key: string, values?: Record<string, string | number>) => fill(strings[key] ?? key, values);
  const [state, setState] = useState<BookingState>(props.initial);
  const [values, setValues] = useState<Draft>(props.initial.values ?? props.initial.draft ?? emptyDraft(props.defaultLanguage));
  const [hydrated, setHydrated] = useState(false);
  const [sending, setSending] = useState(false);
  const [loading, setLoading] = useState<'idle' | 'loading' | 'failed'>(props.initial.slotsFailed ? 'failed' : 'idle');
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const focusTarget = useRef<'heading' | 'summary' | undefined>(undefined);

  const { step, choices, errors } = state;
  const detailsDone = state.draft !== undefined;
  const type = props.types.find((t) => t.id === choices.type);
  const place = props.places.find((p) => p.id === choices.place);
  const problems = fieldOrder.filter((f) => errors[f]);
  const hasErrors = problems.length > 0 || state.problem !== undefined;

  const errorText = (field: string) => {
    const code = errors[field];
    if (!code) return undefined;
    if (field === 'time' && code === 'taken' && state.taken) return s('error.time.taken', { when: when(state.taken) });
    return strings[`error.${field}.${code}`] ?? strings[`error.${code}`] ?? s('error.invalid');
  };
  const when = (slotId: string) => {
    const { date, hhmm } = slotParts(slotId);
    return s('time.when', { date: formatDay(locale, date), time: formatClock(locale, hhmm) });
  };

  useEffect(() => {
    setHydrated(true);
    if (props.initial.step === 'tid' && !props.initial.slots) void loadSlots(props.initial, true);
    const onPop = () => {
      const params = new URLSearchParams(location.search);
      const wanted = params.get(PARAM.step);
      setState((current) => {
        const next = readChoices(params, props.types.map((t) => t.id), props.places);
        const done = current.draft !== undefined;
        const shown = stepToShow(isStep(wanted) ? wanted : undefined, next, done).step;
        focusTarget.current = 'heading';
        return { ...current, step: shown, choices: next, errors: {}, problem: undefined };
      });
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    // The details never travel in an address: another language starts again at the details step.
    carryToLanguageLinks(stepQuery(choices, step === 'granska' ? 'uppgifter' : step));
    const full = `${s(stepHeading[step])} – ${s('page.title')} – ${props.siteName}`;
    document.title = hasErrors ? s('page.errorTitle', { title: full }) : full;
    // Focus moves deliberately: to the error summary when there is a problem, else to the new step's heading.
    if (focusTarget.current === 'summary') summary.current?.focus();
    else if (focusTarget.current === 'heading') heading.current?.focus();
    focusTarget.current = undefined;
  }, [state]);

  async function loadSlots(target: BookingState, force = false) {
    const { type: t, place: p } = target.choices;
    if (!t || !p) return;
    if (!force && target.slots?.type === t && target.slots.place === p) return;
    setLoading('loading');
    try {
      const from = stockholmToday();
      const res = await fetch(`/api/slots?location=${p}&type=${t}&from=${from}&to=${plusDays(from, SLOT_DAYS)}`);
      if (!res.ok) throw new Error(String(res.status));
      const body = (await res.json()) as { slots: SlotOption[] };
      setState((current) => ({ ...current, slots: { type: t, place: p, list: body.slots.map(({ id, remaining }) => ({ id, remaining })) } }));
      setLoading('idle');
    } catch {
      setLoading('failed');
    }
  }

  /** Shows a step, with its own address in the history (choices only, never details). */
  function go(wanted: StepId, patch: Partial<BookingState> = {}) {
    const merged = { ...state, ...patch };
    const shown = stepToShow(wanted, merged.choices, merged.draft !== undefined).step;
    const next: BookingState = { ...merged, step: shown, errors: {} };
    delete next.problem;
    // A new key for each visit to the summary: the key stands for this one set of answers.
    if (shown === 'granska' && !patch.key) next.key = crypto.randomUUID();
    focusTarget.current = 'heading';
    history.pushState(null, '', `${action}${stepQuery(next.choices, shown)}`);
    setState(next);
    if (shown === 'tid') void loadSlots(next);
  }

  function fail(fields: StepErrors, patch: Partial<BookingState> = {}, problem?: FormProblem) {
    focusTarget.current = 'summary';
    const next: BookingState = { ...state, ...patch, errors: fields };
    if (problem) next.problem = problem;
    else delete next.problem;
    setState(next);
  }

  /** Without JavaScript each form goes to the server; with it, the same rules run here. */
  function onChoice(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name === PARAM.from) {
      // Later times, the first times, or all times instead of the nearest few.
      focusTarget.current = 'heading';
      setState({ ...state, from: submitter.value || undefined, taken: undefined, errors: {} });
      return;
    }
    const done = state.draft !== undefined;
    if (step === 'typ') {
      const picked = form.get(PARAM.type);
      if (typeof picked !== 'string') return fail({ type: 'required' });
      const keep = picked === choices.type;
      const offered = props.places.find((p) => p.id === choices.place)?.meetingTypes.includes(picked);
      const next: Choices = { type: picked as Choices['type'] };
      if (offered && choices.place) next.place = choices.place;
      if (keep && choices.time) next.time = choices.time;
      return go(nextStep('typ', done), { choices: next, taken: undefined });
    }
    if (step === 'plats') {
      const picked = form.get(PARAM.place);
      if (typeof picked !== 'string') return fail({ place: 'required' });
      const next: Choices = { ...choices, place: picked };
      if (picked !== choices.place) delete next.time;
      return go(nextStep('plats', done), { choices: next, from: undefined, taken: undefined });
    }
    const picked = form.get(PARAM.time);
    if (typeof picked !== 'string') return fail({ time: 'required' });
    return go(nextStep('tid', done), { choices: { ...choices, time: picked }, taken: undefined });
  }

  function onDetails(event: Event) {
    event.preventDefault();
    const fields = checkDetails(values);
    if (Object.keys(fields).length > 0) return fail(fields);
    go('granska', { draft: values, key: crypto.randomUUID() });
  }

  async function onConfirm(event: Event) {
    event.preventDefault();
    if (sending || !state.draft || !choices.time || !state.key) return;
    const consent = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#boka-consent')?.checked ?? false;
    if (!consent) return fail({ consent: 'consent_required' });
    setSending(true);
    try {
      const res = await fetch('/api/bookings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': state.key },
        body: JSON.stringify(bookingBody(choices.time, state.draft, true)),
      });
      if (res.status === 200 || res.status === 201) {
        const booked = (await res.json()) as { confirmationUrl: string };
        // The confirmation is shown in the page's language; the query holds only the reference and the cancel token.
        location.assign(`${props.confirmationPath}${new URL(booked.confirmationUrl, location.href).search}`);
        return;
      }
      setSending(false);
      if (res.status === 409) {
        const taken = choices.time;
        const next = { ...state, step: 'tid' as const, choices: { ...choices, time: undefined }, taken };
        history.pushState(null, '', `${action}${stepQuery(next.choices, 'tid')}`);
        fail({ time: 'taken' }, next);
        return void loadSlots(next, true);
      }
      if (res.status === 400) {
        const body = (await res.json()) as { error: { fields?: FieldErrors } };
        const fields = body.error.fields ?? {};
        const inDetails = Object.keys(fields).some((f) => f !== 'consent' && f !== 'slotId');
        if (inDetails) {
          history.pushState(null, '', `${action}${stepQuery(choices, 'uppgifter')}`);
          return fail(fields, { step: 'uppgifter' });
        }
        return fail(fields.consent ? { consent: fields.consent } : {}, {}, fields.consent ? undefined : 'resubmit');
      }
      if (res.status === 422) return fail({}, { key: crypto.randomUUID() }, 'resubmit');
      return fail({}, {}, res.status === 429 ? 'rateLimited' : 'unavailable');
    } catch {
      setSending(false);
      // The same key again on retry: if the first request did arrive, the retry shows that booking.
      return fail({}, {}, 'network');
    }
  }

  // Form plumbing shared by every step: without JavaScript the state travels in hidden fields.
  const choiceEntries = (upTo: StepId): [string, string][] => {
    const entries: [string, string][] = [];
    const before = steps.indexOf(upTo);
    if (choices.type && before > 0) entries.push([PARAM.type, choices.type]);
    if (choices.place && before > 1) entries.push([PARAM.place, choices.place]);
    if (choices.time && before > 2) entries.push([PARAM.time, choices.time]);
    return entries;
  };
  const carried = (upTo: StepId): [string, string][] => [
    ...choiceEntries(upTo),
    ...(state.draft ? draftEntries(state.draft) : props.defaultLanguage !== locale ? ([[PARAM.language, props.defaultLanguage]] as [string, string][]) : []),
  ];
  const hidden = (entries: [string, string][]) => entries.map(([name, value]) => <input type="hidden" name={name} value={value} key={name} />);
  const method = step === 'uppgifter' || step === 'granska' || state.draft ? 'post' : 'get';

  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
  const errorLine = (field: string) =>
    errors[field] && (
      <p class="error-message" id={`boka-${field}-error`}>
        {errorText(field)}
      </p>
    );
  const group = (field: string, children: ComponentChildren) => <div class={errors[field] ? 'field field--error' : 'field'}>{children}</div>;

  const allSlots = state.slots && state.slots.type === choices.type && state.slots.place === choices.place ? state.slots.list : undefined;
  const days = allSlots ? byDay(allSlots) : [];
  const visibleSlotIds = state.taken && allSlots ? nearestFree(allSlots, state.taken).map((x) => x.id) : dayPage(days, state.from).days.flatMap((d) => d.slots.map((x) => x.id));

  const back = (() => {
    const previous = step === 'granska' ? 'uppgifter' : previousStep(step);
    // Without JavaScript, a link back would drop the details a form is carrying.
    if (!previous || (state.draft && !hydrated)) return null;
    return (
      <a
        class="back-link"
        href={`${action}${stepQuery(choices, previous)}`}
        onClick={(e) => {
          e.preventDefault();
          go(previous);
        }}
      >
        {s('back')}
      </a>
    );
  })();

  const errorSummary = hasErrors && (
    <div class="error-summary" ref={summary} tabIndex={-1} aria-labelledby="boka-errors-title" {...{ autofocus: true }}>
      <h2 id="boka-errors-title">{s('errors.title')}</h2>
      <ul>
        {state.problem && <li>{s(`error.${state.problem}`)}</li>}
        {problems.map((field) => {
          const target = fieldTarget(field, props, state, visibleSlotIds);
          return (
            <li key={field}>
              <a
                href={`#${target}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(target)?.focus();
                }}
              >
                {errorText(field)}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );

  const h1 = (text: string, id?: string) => (
    <h1 class="question__heading" id={id} ref={heading} tabIndex={-1}>
      {text}
    </h1>
  );

  const frame = (body: ComponentChildren) => (
    <div class="booking">
      {back}
      {errorSummary}
      <p class="progress">
        {s('page.title')}: {s('progress', { index: steps.indexOf(step) + 1, total: steps.length })}
      </p>
      {body}
    </div>
  );

  const radio = (name: string, id: string, value: string, label: string, checked: boolean, hint?: ComponentChildren) => (
    <div class={hint ? 'radio radio--hinted' : 'radio'} key={value}>
      <input type="radio" id={id} name={name} value={value} defaultChecked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}>{label}</label>
      {hint && (
        <div class="hint radio__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );

  const continueButton = (
    <button type="submit" class="button">
      {s('continue')}
    </button>
  );

  if (step === 'typ') {
    return frame(
      <form method={method} action={action} onSubmit={onChoice} noValidate>
        {hidden(carried('typ'))}
        <input type="hidden" name={PARAM.step} value={nextStep('typ', detailsDone)} />
        {group(
          'type',
          <fieldset aria-describedby={describedBy('boka-type-hint', errors.type && 'boka-type-error')}>
            <legend>{h1(s(stepHeading.typ))}</legend>
            <p class="hint" id="boka-type-hint">
              {s('type.hint')}
            </p>
            {errorLine('type')}
            <div class="radios">{props.types.map((t) => radio(PARAM.type, `boka-typ-${t.id}`, t.id, t.title, choices.type === t.id, t.text))}</div>
          </fieldset>,
        )}
        {continueButton}
      </form>,
    );
  }

  if (step === 'plats') {
    const offering = props.places.filter((p) => p.meetingTypes.includes(choices.type ?? ''));
    return frame(
      <form method={method} action={action} onSubmit={onChoice} noValidate>
        {hidden(carried('plats'))}
        <input type="hidden" name={PARAM.step} value={nextStep('plats', detailsDone)} />
        {group(
          'place',
          <fieldset aria-describedby={describedBy('boka-place-hint', errors.place && 'boka-place-error')}>
            <legend>{h1(s(stepHeading.plats))}</legend>
            <p class="hint" id="boka-place-hint">
              {type && <strong>{type.title}. </strong>}
              {s('place.hint')}
            </p>
            {errorLine('place')}
            {offering.length === 0 ? (
              <p>{s('place.none')}</p>
            ) : (
              <div class="radios">
                {offering.map((p) =>
                  radio(
                    PARAM.place,
                    `boka-plats-${p.id}`,
                    p.id,
                    p.name,
                    choices.place === p.id,
                    <>
                      <span class="line">{s('place.districts', { districts: p.districts })}</span>
                      <span class="line">{s('place.address', { address: p.address })}</span>
                      <span class="line">{s(p.stepFree ? 'place.stepFree' : 'place.notStepFree')}</span>
                    </>,
                  ),
                )}
              </div>
            )}
          </fieldset>,
        )}
        {offering.length > 0 && continueButton}
      </form>,
    );
  }

  if (step === 'tid') {
    const page = dayPage(days, state.from);
    const nearest = state.taken && allSlots ? nearestFree(allSlots, state.taken) : undefined;
    const slotRadio = (slot: SlotOption, label: string) =>
      radio(PARAM.time, `boka-tid-${domId(slot.id)}`, slot.id, label, choices.time === slot.id);
    return frame(
      <form method={method} action={action} onSubmit={onChoice} noValidate>
        {hidden(carried('tid'))}
        <input type="hidden" name={PARAM.step} value={nextStep('tid', detailsDone)} />
        {h1(s(stepHeading.tid), 'boka-tid-heading')}
        <p class="hint" id="boka-time-hint">
          {s('time.hint', { place: place?.name ?? '' })}
        </p>
        {group(
          'time',
          <>
            {errorLine('time')}
            {!allSlots ? (
              <p role="status">
                {loading === 'failed' ? s('time.loadError') : s('time.loading')}
                {loading === 'failed' && (
                  <button type="button" class="button button--secondary" onClick={() => void loadSlots(state, true)}>
                    {s('time.retry')}
                  </button>
                )}
              </p>
            ) : nearest ? (
              nearest.length === 0 ? (
                <p>{s('time.none', { place: place?.name ?? '' })}</p>
              ) : (
                <fieldset class="day" aria-describedby={describedBy('boka-time-hint', 'boka-time-error')}>
                  <legend>{s('time.nearest')}</legend>
                  <div class="radios">{nearest.map((slot) => slotRadio(slot, when(slot.id)))}</div>
                </fieldset>
              )
            ) : days.length === 0 ? (
              <p>{s('time.none', { place: place?.name ?? '' })}</p>
            ) : (
              <>
                <p>{s('time.next', { when: when(days[0]!.slots[0]!.id) })}</p>
                {page.days.map((day) => (
                  <fieldset class="day" key={day.date} aria-describedby={describedBy('boka-time-hint', errors.time && 'boka-time-error')}>
                    <legend>{formatDay(locale, day.date)}</legend>
                    <div class="radios">{day.slots.map((slot) => slotRadio(slot, s('time.option', { time: formatClock(locale, slotParts(slot.id).hhmm) })))}</div>
                  </fieldset>
                ))}
              </>
            )}
          </>,
        )}
        {allSlots && (nearest ? nearest.length > 0 : days.length > 0) && continueButton}
        <p class="booking__more">
          {nearest ? (
            <button type="submit" name={PARAM.from} value="" class="link-button" formNoValidate>
              {s('time.all')}
            </button>
          ) : (
            allSlots &&
            days.length > 0 && (
              <>
                {page.later ? (
                  <button type="submit" name={PARAM.from} value={page.later} class="link-button" formNoValidate>
                    {s('time.later')}
                  </button>
                ) : (
                  <span>{s('time.noMore')}</span>
                )}
                {state.from && (
                  <button type="submit" name={PARAM.from} value="" class="link-button" formNoValidate>
                    {s('time.first')}
                  </button>
                )}
              </>
            )
          )}
        </p>
      </form>,
    );
  }

  const set = (field: keyof Draft) => (e: Event) => {
    const target = e.target as HTMLInputElement;
    setValues({ ...values, [field]: target.type === 'checkbox' ? target.checked : target.value });
  };
  const fieldProps = (field: keyof Draft, hint?: boolean) => ({
    id: `boka-${field}`,
    name: field,
    'aria-describedby': describedBy(hint && `boka-${field}-hint`, errors[field] && `boka-${field}-error`),
    'aria-invalid': errors[field] ? true : undefined,
    onInput: set(field),
  });

  if (step === 'uppgifter') {
    const contactError = errors.email === 'contact_required';
    return frame(
      <form method="post" action={action} onSubmit={onDetails} noValidate>
        {hidden(choiceEntries('uppgifter'))}
        <input type="hidden" name={PARAM.step} value="granska" />
        {h1(s(stepHeading.uppgifter))}
        <p class="hint">{s('details.hint')}</p>
        {group(
          'name',
          <>
            <label for="boka-name">{s('field.name')}</label>
            <p class="hint" id="boka-name-hint">
              {s('field.name.hint')}
            </p>
            {errorLine('name')}
            <input {...fieldProps('name', true)} class="input input--wide" type="text" autoComplete="name" spellcheck={false} value={values.name} />
          </>,
        )}
        <div class={contactError ? 'field field--error' : 'field'}>
          <fieldset aria-describedby={describedBy('boka-contact-hint', contactError && 'boka-email-error')}>
            <legend class="legend">{s('field.contact')}</legend>
            <p class="hint" id="boka-contact-hint">
              {s('field.contact.hint')}
            </p>
            {group(
              'email',
              <>
                <label for="boka-email">{s('field.email')}</label>
                {errorLine('email')}
                <input {...fieldProps('email')} class="input input--wide" type="email" autoComplete="email" spellcheck={false} dir="ltr" value={values.email} />
              </>,
            )}
            {group(
              'phone',
              <>
                <label for="boka-phone">{s('field.phone')}</label>
                <p class="hint" id="boka-phone-hint">
                  {s('field.phone.hint')}
                </p>
                {errorLine('phone')}
                <input {...fieldProps('phone', true)} class="input" type="tel" autoComplete="tel" dir="ltr" value={values.phone} />
              </>,
            )}
          </fieldset>
        </div>
        {group(
          'language',
          <>
            <label for="boka-language">{s('field.language')}</label>
            <p class="hint" id="boka-language-hint">
              {s('field.language.hint')}
            </p>
            {errorLine('language')}
            <select {...fieldProps('language', true)} class="input" onChange={set('language')} value={values.language}>
              {props.languages.map((l) => (
                <option value={l.id} key={l.id} selected={values.language === l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </>,
        )}
        <div class="checkbox">
          <input type="checkbox" id="boka-interpreter" name="interpreter" value="true" checked={values.interpreter} onChange={set('interpreter')} />
          <label for="boka-interpreter">{s('field.interpreter')}</label>
        </div>
        {(values.interpreter || !hydrated) &&
          group(
            'interpreterLanguage',
            <>
              <label for="boka-interpreterLanguage">{s('field.interpreterLanguage')}</label>
              <p class="hint" id="boka-interpreterLanguage-hint">
                {s('field.interpreterLanguage.hint')}
              </p>
              {errorLine('interpreterLanguage')}
              <input {...fieldProps('interpreterLanguage', true)} class="input" type="text" autoComplete="off" value={values.interpreterLanguage} />
            </>,
          )}
        {group(
          'needs',
          <>
            <label for="boka-needs">{s('field.needs')}</label>
            <p class="hint" id="boka-needs-hint">
              {s('field.needs.hint')}
            </p>
            {errorLine('needs')}
            <textarea {...fieldProps('needs', true)} class="input input--wide" rows={4} value={values.needs} />
          </>,
        )}
        {continueButton}
      </form>,
    );
  }

  // Check your answers, then book.
  const draft = state.draft ?? values;
  const language = props.languages.find((l) => l.id === draft.language)?.label ?? draft.language;
  const rows: { label: string; value: string; step: StepId }[] = [
    { label: s('check.meeting'), value: type?.title ?? '', step: 'typ' },
    { label: s('check.place'), value: place ? `${place.name}, ${place.address}` : '', step: 'plats' },
    { label: s('check.time'), value: choices.time ? when(choices.time) : '', step: 'tid' },
    { label: s('check.name'), value: draft.name, step: 'uppgifter' },
    { label: s('check.email'), value: draft.email || s('check.empty'), step: 'uppgifter' },
    { label: s('check.phone'), value: draft.phone || s('check.empty'), step: 'uppgifter' },
    { label: s('check.language'), value: language, step: 'uppgifter' },
    {
      label: s('check.interpreter'),
      value: draft.interpreter ? s('check.interpreter.yes', { language: draft.interpreterLanguage }) : s('check.interpreter.no'),
      step: 'uppgifter',
    },
    { label: s('check.needs'), value: draft.needs || s('check.empty'), step: 'uppgifter' },
  ];
  return frame(
    <>
      {h1(s(stepHeading.granska))}
      <dl class="summary-list">
        {rows.map((row) => (
          <div class="summary-list__row" key={row.label}>
            <dt>{row.label}</dt>
            <dd class="summary-list__value">{row.value}</dd>
            <dd>
              <form
                method="post"
                action={action}
                onSubmit={(e) => {
                  e.preventDefault();
                  go(row.step);
                }}
              >
                {hidden(carried('granska'))}
                <input type="hidden" name={PARAM.step} value={row.step} />
                <button type="submit" class="link-button">
                  {s('check.change')}
                  <span class="visually-hidden"> {row.label}</span>
                </button>
              </form>
            </dd>
          </div>
        ))}
      </dl>
      <form method="post" action={action} onSubmit={onConfirm} noValidate>
        {hidden(carried('granska'))}
        <input type="hidden" name={PARAM.key} value={state.key ?? ''} />
        <input type="hidden" name={PARAM.step} value="skicka" />
        <h2>{s('consent.heading')}</h2>
        <p>
          {s('consent.text')} <a href={props.privacyHref}>{s('consent.link')}</a>
        </p>
        {group(
          'consent',
          <>
            {errorLine('consent')}
            <div class="checkbox">
              <input type="checkbox" id="boka-consent" name="consent" value="true" aria-describedby={errors.consent ? 'boka-consent-error' : undefined} />
              <label for="boka-consent">{s('consent.label')}</label>
            </div>
          </>,
        )}
        <button type="submit" class="button" aria-disabled={sending || undefined}>
          {s('confirm')}
        </button>
        <p role="status" class="booking__status">
          {sending ? s('sending') : ''}
        </p>
      </form>
    </>,
  );
}
