import Radio from '../../components/form/Radio';
import { PARAM } from '../flow';
import type { StepProps } from '../island';
import ChoiceStep from './ChoiceStep';

/** Step 2: which job centre, among those that hold the meeting. */
export default function PlaceStep(p: StepProps) {
  const { props, state, say } = p;
  const type = props.types.find((t) => t.id === state.choices.type);
  const offering = props.places.filter((place) => place.meetingTypes.includes(state.choices.type ?? ''));
  const hint = (
    <>
      {type && <strong>{type.title}. </strong>}
      {say('place.hint')}
    </>
  );
  return (
    <ChoiceStep {...p} step="plats" hint={hint} canContinue={offering.length > 0}>
      {offering.length === 0 ? (
        <p>{say('place.none')}</p>
      ) : (
        <div class="radios">
          {offering.map((place) => (
            <Radio
              key={place.id}
              name={PARAM.place}
              id={`boka-plats-${place.id}`}
              value={place.id}
              label={place.name}
              checked={state.choices.place === place.id}
              hint={
                <>
                  <span class="line">{say('place.districts', { districts: place.districts })}</span>
                  <span class="line">{say('place.address', { address: place.address })}</span>
                  <span class="line">{say(place.stepFree ? 'place.stepFree' : 'place.notStepFree')}</span>
                </>
              }
            />
          ))}
        </div>
      )}
    </ChoiceStep>
  );
}
