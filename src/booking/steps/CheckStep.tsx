import CheckAnswers from '../../components/form/CheckAnswers';
import ContinueButton from '../../components/form/ContinueButton';
import { PARAM, stepHeading, type Draft, type StepId } from '../flow';
import { errorText, when, type StepProps } from '../island';
import FieldGroup, { ErrorLine } from './FieldGroup';
import StepForm from './StepForm';

/** The channels that will carry messages: a box ticked and its contact given, as the server decides. */
function messagesKey(draft: Draft) {
  const email = draft.notifyEmail && draft.email.trim() !== '';
  const sms = draft.notifySms && draft.phone.trim() !== '';
  return email && sms ? 'check.messages.both' : email ? 'check.messages.email' : sms ? 'check.messages.sms' : 'check.messages.none';
}

/** Step 5: check your answers, consent, book. */
export default function CheckStep(p: StepProps) {
  const { props, state, say, heading } = p;
  const { choices } = state;
  const draft = state.draft!;
  const type = props.types.find((t) => t.id === choices.type);
  const place = props.places.find((x) => x.id === choices.place);
  const language = props.languages.find((l) => l.id === draft.language)?.label ?? draft.language;
  const rows: { label: string; value: string; step: StepId }[] = [
    { label: say('check.meeting'), value: type?.title ?? '', step: 'typ' },
    { label: say('check.place'), value: place ? `${place.name}, ${place.address}` : '', step: 'plats' },
    { label: say('check.time'), value: choices.time ? when(say, props.locale, choices.time) : '', step: 'tid' },
    { label: say('check.name'), value: draft.name, step: 'uppgifter' },
    { label: say('check.email'), value: draft.email || say('check.empty'), step: 'uppgifter' },
    { label: say('check.phone'), value: draft.phone || say('check.empty'), step: 'uppgifter' },
    { label: say('check.messages'), value: say(messagesKey(draft)), step: 'uppgifter' },
    { label: say('check.language'), value: language, step: 'uppgifter' },
    {
      label: say('check.interpreter'),
      value: draft.interpreter ? say('check.interpreter.yes', { language: draft.interpreterLanguage }) : say('check.interpreter.no'),
      step: 'uppgifter',
    },
    { label: say('check.needs'), value: draft.needs || say('check.empty'), step: 'uppgifter' },
  ];
  const consentError = errorText(say, props.locale, state, 'consent');
  return (
    <>
      <h1 class="question__heading" ref={heading} tabIndex={-1}>
        {say(stepHeading.granska)}
      </h1>
      <CheckAnswers
        rows={rows.map((row) => ({
          key: row.label,
          label: row.label,
          value: row.value,
          // A form, not a link: without JavaScript the details travel in the post, never in an address.
          change: (
            <StepForm {...p} step="granska" fields={[[PARAM.step, row.step]]} onSubmit={() => p.dispatch({ type: 'open', step: row.step, choices })}>
              <button type="submit" class="link-button">
                {say('check.change')}
                <span class="visually-hidden"> {row.label}</span>
              </button>
            </StepForm>
          ),
        }))}
      />
      <StepForm
        {...p}
        step="granska"
        fields={[
          [PARAM.key, state.key ?? ''],
          [PARAM.step, 'skicka'],
        ]}
        onSubmit={(form) => {
          if (!state.sending) p.dispatch({ type: 'confirm', consent: (form.elements.namedItem('consent') as HTMLInputElement).checked });
        }}
      >
        <h2>{say('consent.heading')}</h2>
        <p>
          {say('consent.text')} <a href={props.privacyHref}>{say('consent.link')}</a>
        </p>
        <FieldGroup error={consentError}>
          <ErrorLine field="consent" error={consentError} />
          <div class="checkbox">
            <input type="checkbox" id="boka-consent" name="consent" value="true" aria-describedby={consentError ? 'boka-consent-error' : undefined} />
            <label for="boka-consent">{say('consent.label')}</label>
          </div>
        </FieldGroup>
        <ContinueButton label={say('confirm')} busy={state.sending} />
        <p role="status" class="booking__status">
          {state.sending ? say('sending') : ''}
        </p>
      </StepForm>
    </>
  );
}
