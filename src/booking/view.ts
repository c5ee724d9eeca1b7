import type { Strings } from '../i18n/island-strings.ts';
import type { Locale } from '../i18n/locales.ts';
import type { BookingState } from './machine.ts';

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

export interface BookingProps {
  locale: Locale;
  /** The flow's own address, /{locale}/boka/. */
  action: string;
  confirmationPath: string;
  /** booking.json in the page's language, typed from sv. */
  strings: Strings<'booking'>;
  siteName: string;
  types: TypeView[];
  places: PlaceView[];
  languages: { id: string; label: string }[];
  /** The meeting language to suggest: ?sprak= from the questionnaire, else the page's. */
  defaultLanguage: string;
  privacyHref: string;
  initial: BookingState;
}
