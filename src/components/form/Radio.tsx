import './form.css';
import type { ComponentChildren } from 'preact';

type Props = {
  name: string;
  id: string;
  value: string;
  label: string;
  checked: boolean;
  hint?: ComponentChildren;
  /** Controlled (the questionnaire keeps the choice in state) rather than left to the form. */
  onChange?: (() => void) | undefined;
};

/** One radio with its label and an optional hint the radio is described by. */
export default function Radio({ name, id, value, label, checked, hint, onChange }: Props) {
  const state = onChange ? { checked, onChange } : { defaultChecked: checked };
  return (
    <div class={hint ? 'radio radio--hinted' : 'radio'}>
      <input type="radio" id={id} name={name} value={value} aria-describedby={hint ? `${id}-hint` : undefined} {...state} />
      <label for={id}>{label}</label>
      {hint && (
        <div class="hint radio__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}
