import ContinueButton from '../../components/form/ContinueButton';
import Radio from '../../components/form/Radio';
import { formatClock, formatDay } from '../../i18n/format';
import { PARAM, rawChoices, stepHeading } from '../flow';
import { byDay, dayPage, nearestFree, slotParts, type SlotOption } from '../slot-list';
import { domId, errorText, formParams, when, type StepProps } from '../island';
import FieldGroup, { describedBy, ErrorLine } from './FieldGroup';
import StepForm, { answering } from './StepForm';

/** The slots the time step lists for the current choices, if known. */
export function listedSlots({ state }: Pick<StepProps, 'state'>): SlotOption[] | undefined {
  const { slots, choices } = state;
  return slots && slots.type === choices.type && slots.place === choices.place ? slots.list : undefined;
}

/** The times on show: the nearest free ones after a lost time, else a page of days. */
export function shownSlots(state: StepProps['state'], all: SlotOption[] | undefined) {
  if (!all) return { nearest: undefined, days: [], page: { days: [] } as ReturnType<typeof dayPage> };
  const days = byDay(all);
  return { nearest: state.taken ? nearestFree(all, state.taken) : undefined, days, page: dayPage(days, state.from) };
}

/** Step 3: which time, a few days at a time. */
export default function TimeStep(p: StepProps) {
  const { props, state, say, heading, loading } = p;
  const { locale } = props;
  const error = errorText(say, locale, state, 'time');
  const place = props.places.find((x) => x.id === state.choices.place);
  const all = listedSlots(p);
  const { nearest, days, page } = shownSlots(state, all);
  const slotRadio = (slot: SlotOption, label: string) => (
    <Radio key={slot.id} name={PARAM.time} id={`boka-tid-${domId(slot.id)}`} value={slot.id} label={label} checked={state.choices.time === slot.id} />
  );
  const more = (value: string, label: string) => (
    <button type="submit" name={PARAM.from} value={value} class="link-button" formNoValidate>
      {label}
    </button>
  );
  const none = <p>{say('time.none', { place: place?.name ?? '' })}</p>;
  return (
    <StepForm
      {...p}
      step="tid"
      fields={answering('tid', state.draft !== undefined)}
      onSubmit={(form, submitter) =>
        p.dispatch(
          // Later times, the first times, or all times instead of the nearest few.
          submitter?.name === PARAM.from
            ? { type: 'page', from: submitter.value }
            : { type: 'choose', step: 'tid', choices: rawChoices(formParams(form)) },
        )
      }
    >
      <h1 class="question__heading" id="boka-tid-heading" ref={heading} tabIndex={-1}>
        {say(stepHeading.tid)}
      </h1>
      <p class="hint" id="boka-time-hint">
        {say('time.hint', { place: place?.name ?? '' })}
      </p>
      <FieldGroup error={error}>
        <ErrorLine field="time" error={error} />
        {!all ? (
          <p role="status">
            {loading === 'failed' ? say('time.loadError') : say('time.loading')}
            {loading === 'failed' && (
              <button type="button" class="button button--secondary" onClick={p.retrySlots}>
                {say('time.retry')}
              </button>
            )}
          </p>
        ) : nearest ? (
          nearest.length === 0 ? (
            none
          ) : (
            <fieldset class="day" aria-describedby={describedBy('boka-time-hint', 'boka-time-error')}>
              <legend>{say('time.nearest')}</legend>
              <div class="radios">{nearest.map((slot) => slotRadio(slot, when(say, locale, slot.id)))}</div>
            </fieldset>
          )
        ) : days.length === 0 ? (
          none
        ) : (
          <>
            <p>{say('time.next', { when: when(say, locale, days[0]!.slots[0]!.id) })}</p>
            {page.days.map((day) => (
              <fieldset class="day" key={day.date} aria-describedby={describedBy('boka-time-hint', error && 'boka-time-error')}>
                <legend>{formatDay(locale, day.date)}</legend>
                <div class="radios">{day.slots.map((slot) => slotRadio(slot, say('time.option', { time: formatClock(locale, slotParts(slot.id).hhmm) })))}</div>
              </fieldset>
            ))}
          </>
        )}
      </FieldGroup>
      {all && (nearest ? nearest.length > 0 : days.length > 0) && <ContinueButton label={say('continue')} />}
      <p class="booking__more">
        {nearest
          ? more('', say('time.all'))
          : all &&
            days.length > 0 && (
              <>
                {page.later ? more(page.later, say('time.later')) : <span>{say('time.noMore')}</span>}
                {state.from && more('', say('time.first'))}
              </>
            )}
      </p>
    </StepForm>
  );
}
