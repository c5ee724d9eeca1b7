import './booking.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import BackLink from '../components/form/BackLink';
import ErrorSummary from '../components/form/ErrorSummary';
import { carryToLanguageLinks } from '../i18n/carry-query';
import { sayer } from '../i18n/island-strings';
import { fieldOrder, isStep, previousStep, rawChoices, stepHeading, stepQuery, steps, PARAM, type StepId } from './flow';
import { domId, errorText, fetchSlots, sendBooking, type StepProps } from './island';
import { hasProblems, next, type BookingEvent, type BookingState, type Rules } from './machine';
import CheckStep from './steps/CheckStep';
import DetailsStep from './steps/DetailsStep';
import PlaceStep from './steps/PlaceStep';
import TimeStep, { listedSlots, shownSlots } from './steps/TimeStep';
import TypeStep from './steps/TypeStep';
import type { BookingProps } from './view';

const stepComponent = { typ: TypeStep, plats: PlaceStep, tid: TimeStep, uppgifter: DetailsStep, granska: CheckStep } as const;

/**
 * The booking island: the server renders it for each step (and, without
 * JavaScript, that is all); in the browser it keeps the flow on one page. The
 * rules are the flow's (`next` in machine.ts); this only runs them on what the
 * resident does, and does the I/O they ask for.
 */
export default function BookingFlow(props: BookingProps) {
  const say = sayer<'booking'>(props.strings);
  const [rules] = useState<Rules>(() => ({ types: props.types.map((t) => t.id), places: props.places, newKey: () => crypto.randomUUID() }));
  const [state, setState] = useState<BookingState>(props.initial);
  const [hydrated, setHydrated] = useState(false);
  const [loading, setLoading] = useState<StepProps['loading']>(props.initial.slotsFailed ? 'failed' : 'idle');
  const current = useRef(state);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const focusTarget = useRef<'heading' | 'summary' | undefined>(undefined);

  /** Runs an event through the rules; a step of the resident's own gets its address in the history and moves focus. */
  function dispatch(event: BookingEvent, { push = true, focus = true } = {}) {
    const before = current.current;
    const after = next(before, event, rules);
    current.current = after;
    if (after.done) return location.assign(after.done);
    const address = stepQuery(after.choices, after.step);
    if (push && address !== stepQuery(before.choices, before.step)) history.pushState(null, '', `${props.action}${address}`);
    // Focus moves deliberately: to the error summary when there is a problem, else to the step's heading.
    if (focus) focusTarget.current = hasProblems(after) ? 'summary' : 'heading';
    setState(after);
    if (after.sending && !before.sending) void sendBooking(after, props.confirmationPath, props.locale).then((outcome) => dispatch({ type: 'outcome', outcome }));
    // A step that lists times loads them; their own arrival (or failure) does not ask again.
    const fromSlots = event.type === 'slots' || event.type === 'slotsFailed';
    if (!fromSlots && after.step === 'tid' && !listedSlots({ state: after })) void loadSlots(after);
  }

  async function loadSlots(target: BookingState) {
    const { type, place } = target.choices;
    if (!type || !place) return;
    setLoading('loading');
    try {
      dispatch({ type: 'slots', slots: { type, place, list: await fetchSlots(type, place) } }, { push: false, focus: false });
      setLoading('idle');
    } catch {
      dispatch({ type: 'slotsFailed' }, { push: false, focus: false });
      setLoading('failed');
    }
  }

  useEffect(() => {
    setHydrated(true);
    if (props.initial.step === 'tid' && !props.initial.slots) void loadSlots(props.initial);
    const onPop = () => {
      const params = new URLSearchParams(location.search);
      const wanted = params.get(PARAM.step);
      dispatch({ type: 'open', step: isStep(wanted) ? wanted : undefined, choices: rawChoices(params) }, { push: false });
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const { step } = state;
  useEffect(() => {
    // The details never travel in an address: another language starts again at the details step.
    carryToLanguageLinks(stepQuery(state.choices, step === 'granska' ? 'uppgifter' : step));
    const full = `${say(stepHeading[step])} – ${say('page.title')} – ${props.siteName}`;
    document.title = hasProblems(state) ? say('page.errorTitle', { title: full }) : full;
    if (focusTarget.current === 'summary') summary.current?.focus();
    else if (focusTarget.current === 'heading') heading.current?.focus();
    focusTarget.current = undefined;
  }, [state]);

  const stepProps: StepProps = { props, state, say, dispatch, heading, hydrated, loading, retrySlots: () => void loadSlots(state) };
  const Step = stepComponent[step];
  const previous: StepId | undefined = step === 'granska' ? 'uppgifter' : previousStep(step);
  return (
    <div class="booking">
      {/* Without JavaScript, a link back would drop the details a form is carrying. */}
      {previous && !(state.draft && !hydrated) && (
        <BackLink href={`${props.action}${stepQuery(state.choices, previous)}`} label={say('back')} onClick={() => dispatch({ type: 'open', step: previous, choices: state.choices })} />
      )}
      {hasProblems(state) && (
        <ErrorSummary
          id="boka-errors"
          title={say('errors.title')}
          summaryRef={summary}
          items={[
            ...(state.problem ? [{ text: say(`error.${state.problem}`) }] : []),
            ...fieldOrder.filter((f) => state.errors[f]).map((field) => ({ text: errorText(say, props.locale, state, field)!, target: fieldTarget(field, stepProps) })),
          ]}
        />
      )}
      <p class="progress">
        {say('page.title')}: {say('progress', { index: steps.indexOf(step) + 1, total: steps.length })}
      </p>
      <Step {...stepProps} />
    </div>
  );
}

/** The element an error summary link leads to: the first control of the field. */
function fieldTarget(field: string, { props, state }: StepProps): string {
  switch (field) {
    case 'type':
      return `boka-typ-${props.types[0]?.id}`;
    case 'place':
      return `boka-plats-${props.places.find((p) => p.meetingTypes.includes(state.choices.type ?? ''))?.id}`;
    case 'time': {
      const { nearest, page } = shownSlots(state, listedSlots({ state }));
      const first = nearest ? nearest[0] : page.days[0]?.slots[0];
      return first ? `boka-tid-${domId(first.id)}` : 'boka-tid-heading';
    }
    default:
      return `boka-${field}`;
  }
}
