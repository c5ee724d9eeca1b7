import type { ComponentChildren } from 'preact';
import { choiceOf, draftEntries, isChoiceStep, nextStep, PARAM, type StepId } from '../flow';
import type { StepProps } from '../island';

type Props = Pick<StepProps, 'props' | 'state'> & {
  step: StepId;
  /** The island's handler; without JavaScript the form goes to the server, which runs the same rules. */
  onSubmit: (form: HTMLFormElement, submitter: HTMLButtonElement | null) => void;
  /** Hidden fields of the form's own (the step it asks for, the one-time key). */
  fields?: [string, string][];
  children: ComponentChildren;
};

/**
 * What a form carries without JavaScript, where the island keeps it in
 * memory: every choice but the one the form asks for, and the details once
 * given (in a form post, never in an address).
 */
export function carried({ props, state }: Pick<StepProps, 'props' | 'state'>, step: StepId): [string, string][] {
  const asked = isChoiceStep(step) ? choiceOf[step] : undefined;
  const entries = (['type', 'place', 'time'] as const)
    .filter((field) => field !== asked && state.choices[field])
    .map((field): [string, string] => [PARAM[field], state.choices[field]!]);
  if (step === 'uppgifter') return entries;
  if (state.draft) return [...entries, ...draftEntries(state.draft)];
  return props.defaultLanguage !== props.locale ? [...entries, [PARAM.language, props.defaultLanguage]] : entries;
}

/** A choice step's own hidden fields: which form this is, and where its "continue" leads. */
export function answering(step: StepId, detailsDone: boolean): [string, string][] {
  return [
    [PARAM.answer, step],
    [PARAM.step, nextStep(step, detailsDone)],
  ];
}

export default function StepForm({ props, state, step, onSubmit, fields = [], children }: Props) {
  // An address may hold choices, never details: once they are given, forms post.
  const method = step === 'uppgifter' || step === 'granska' || state.draft ? 'post' : 'get';
  return (
    <form
      method={method}
      action={props.action}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(e.currentTarget, (e as SubmitEvent).submitter as HTMLButtonElement | null);
      }}
    >
      {[...carried({ props, state }, step), ...fields].map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={name} />
      ))}
      {children}
    </form>
  );
}
