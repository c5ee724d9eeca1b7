import { useState } from 'preact/hooks';
import ContinueButton from '../../components/form/ContinueButton';
import { emptyDraft, PARAM, stepHeading, type Draft } from '../flow';
import { errorText, type StepProps } from '../island';
import FieldGroup, { describedBy, ErrorLine } from './FieldGroup';
import StepForm from './StepForm';

/** Step 4: the resident's details, kept as typed (an error never changes what was written). */
export default function DetailsStep(p: StepProps) {
  const { props, state, say, heading, hydrated } = p;
  const [values, setValues] = useState<Draft>(state.values ?? state.draft ?? emptyDraft(props.defaultLanguage));
  const error = (field: string) => errorText(say, props.locale, state, field);
  const set = (field: keyof Draft) => (e: Event) => {
    const target = e.target as HTMLInputElement;
    setValues({ ...values, [field]: target.type === 'checkbox' ? target.checked : target.value });
  };
  const control = (field: keyof Draft, hint?: boolean) => ({
    id: `boka-${field}`,
    name: field,
    'aria-describedby': describedBy(hint && `boka-${field}-hint`, error(field) && `boka-${field}-error`),
    'aria-invalid': error(field) ? true : undefined,
    onInput: set(field),
  });
  const frame = (field: keyof Draft, label: string, hint: string | undefined, input: preact.ComponentChildren) => (
    <FieldGroup error={error(field)}>
      <label for={`boka-${field}`}>{label}</label>
      {hint && (
        <p class="hint" id={`boka-${field}-hint`}>
          {hint}
        </p>
      )}
      <ErrorLine field={field} error={error(field)} />
      {input}
    </FieldGroup>
  );
  const contactError = state.errors.email === 'contact_required';
  // Messages go only where the resident asks; the server drops a channel whose contact is left empty.
  const notify = (field: 'notifyEmail' | 'notifySms', label: string) => (
    <div class="checkbox">
      <input type="checkbox" id={`boka-${field}`} name={field} value="true" checked={values[field]} onChange={set(field)} />
      <label for={`boka-${field}`}>{label}</label>
    </div>
  );
  return (
    <StepForm {...p} step="uppgifter" fields={[[PARAM.step, 'granska']]} onSubmit={() => p.dispatch({ type: 'details', draft: values })}>
      <h1 class="question__heading" ref={heading} tabIndex={-1}>
        {say(stepHeading.uppgifter)}
      </h1>
      <p class="hint">{say('details.hint')}</p>
      {frame(
        'name',
        say('field.name'),
        say('field.name.hint'),
        <input {...control('name', true)} class="input input--wide" type="text" autoComplete="name" spellcheck={false} value={values.name} />,
      )}
      <div class={contactError ? 'field field--error' : 'field'}>
        <fieldset aria-describedby={describedBy('boka-contact-hint', contactError && 'boka-email-error')}>
          <legend class="legend">{say('field.contact')}</legend>
          <p class="hint" id="boka-contact-hint">
            {say('field.contact.hint')}
          </p>
          {frame(
            'email',
            say('field.email'),
            undefined,
            <input {...control('email')} class="input input--wide" type="email" autoComplete="email" spellcheck={false} dir="ltr" value={values.email} />,
          )}
          {notify('notifyEmail', say('field.notifyEmail'))}
          {frame(
            'phone',
            say('field.phone'),
            say('field.phone.hint'),
            <input {...control('phone', true)} class="input" type="tel" autoComplete="tel" dir="ltr" value={values.phone} />,
          )}
          {notify('notifySms', say('field.notifySms'))}
        </fieldset>
      </div>
      {frame(
        'language',
        say('field.language'),
        say('field.language.hint'),
        <select {...control('language', true)} class="input" onChange={set('language')} value={values.language}>
          {props.languages.map((l) => (
            <option value={l.id} key={l.id} selected={values.language === l.id}>
              {l.label}
            </option>
          ))}
        </select>,
      )}
      <div class="checkbox">
        <input type="checkbox" id="boka-interpreter" name="interpreter" value="true" checked={values.interpreter} onChange={set('interpreter')} />
        <label for="boka-interpreter">{say('field.interpreter')}</label>
      </div>
      {/* Without JavaScript the question cannot appear on ticking the box, so it is always there. */}
      {(values.interpreter || !hydrated) &&
        frame(
          'interpreterLanguage',
          say('field.interpreterLanguage'),
          say('field.interpreterLanguage.hint'),
          <input {...control('interpreterLanguage', true)} class="input" type="text" autoComplete="off" value={values.interpreterLanguage} />,
        )}
      {frame(
        'needs',
        say('field.needs'),
        say('field.needs.hint'),
        <textarea {...control('needs', true)} class="input input--wide" rows={4} value={values.needs} />,
      )}
      <ContinueButton label={say('continue')} />
    </StepForm>
  );
}
