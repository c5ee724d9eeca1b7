import type { FieldErrorCode } from '../intake/booking-schema.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Choices, Draft, SlotOption, StepId } from './flow.ts';

export interface TypeView {
  id: string;
  title: string;
  text: string;
}

export interface PlaceView {
  id: string;
  name: string;
  meetingTypes: string[];
  /** "Tar emot dig som bor i …", resolved at render time. */
  districts: string;
  address: string;
  stepFree: boolean;
}

/** Field → error code; "taken" is a chosen time that someone else booked first. */
export type StepErrors = Partial<Record<string, FieldErrorCode | 'taken'>>;

/** A problem with the whole submission rather than one field. */
export type FormProblem = 'unavailable' | 'rateLimited' | 'network' | 'resubmit';

/** The state a page is rendered in: from the address (GET) or a form post without JavaScript. */
export interface BookingState {
  step: StepId;
  choices: Choices;
  /** The details once they have passed the details step: from here on, every step returns to the summary. */
  draft?: Draft | undefined;
  /** The details as typed, when the details step is shown again with errors. */
  values?: Draft | undefined;
  /** Field → error code (fields: type, place, time, the draft's, consent). */
  errors: StepErrors;
  problem?: FormProblem | undefined;
  /** The slots could not be read (the database is down): the page says so and offers the phone. */
  slotsFailed?: boolean | undefined;
  /** Free slots for the chosen meeting and place, when the page knows them. */
  slots?: { type: string; place: string; list: SlotOption[] } | undefined;
  /** First day shown in the slot list ("show later times"). */
  from?: string | undefined;
  /** A slot that was chosen but is gone: the list offers the nearest free ones. */
  taken?: string | undefined;
  /** One-time key for the submission, so a second click or a resend books nothing twice. */
  key?: string | undefined;
}

export interface BookingProps {
  locale: Locale;
  /** The flow's own address, /{locale}/boka/. */
  action: string;
  confirmationPath: string;
  strings: Record<string, string>;
  siteName: string;
  types: TypeView[];
  places: PlaceView[];
  languages: { id: string; label: string }[];
  /** The meeting language to suggest: ?sprak= from the questionnaire, else the page's. */
  defaultLanguage: string;
  privacyHref: string;
  initial: BookingState;
}
