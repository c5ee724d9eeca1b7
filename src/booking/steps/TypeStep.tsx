import Radio from '../../components/form/Radio';
import { PARAM } from '../flow';
import type { StepProps } from '../island';
import ChoiceStep from './ChoiceStep';

/** Step 1: which kind of meeting. */
export default function TypeStep(p: StepProps) {
  const { props, state, say } = p;
  return (
    <ChoiceStep {...p} step="typ" hint={say('type.hint')} canContinue>
      <div class="radios">
        {props.types.map((t) => (
          <Radio key={t.id} name={PARAM.type} id={`boka-typ-${t.id}`} value={t.id} label={t.title} checked={state.choices.type === t.id} hint={t.text} />
        ))}
      </div>
    </ChoiceStep>
  );
}
