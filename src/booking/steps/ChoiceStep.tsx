import type { ComponentChildren } from 'preact';
import ContinueButton from '../../components/form/ContinueButton';
import { choiceOf, rawChoices, stepHeading } from '../flow';
import { errorText, formParams, type StepProps } from '../island';
import FieldGroup, { describedBy, ErrorLine } from './FieldGroup';
import StepForm, { answering } from './StepForm';

type Props = StepProps & {
  step: 'typ' | 'plats';
  hint: ComponentChildren;
  /** The options (radios), or a word that there are none. */
  children: ComponentChildren;
  canContinue: boolean;
};

/** A step that asks for one choice among radios: the question is the legend and the page's heading. */
export default function ChoiceStep({ step, hint, children, canContinue, ...p }: Props) {
  const { props, state, say, heading } = p;
  const field = choiceOf[step];
  const error = errorText(say, props.locale, state, field);
  return (
    <StepForm
      {...p}
      step={step}
      fields={answering(step, state.draft !== undefined)}
      onSubmit={(form) => p.dispatch({ type: 'choose', step, choices: rawChoices(formParams(form)) })}
    >
      <FieldGroup error={error}>
        <fieldset aria-describedby={describedBy(`boka-${field}-hint`, error && `boka-${field}-error`)}>
          <legend>
            <h1 class="question__heading" ref={heading} tabIndex={-1}>
              {say(stepHeading[step])}
            </h1>
          </legend>
          <p class="hint" id={`boka-${field}-hint`}>
            {hint}
          </p>
          <ErrorLine field={field} error={error} />
          {children}
        </fieldset>
      </FieldGroup>
      {canContinue && <ContinueButton label={say('continue')} />}
    </StepForm>
  );
}
