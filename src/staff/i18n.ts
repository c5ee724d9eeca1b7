import i18next, { type TFunction } from 'i18next';
import { TIME_ZONE } from '../intake/calendar.ts';
import en from './locales/en.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };

/**
 * The staff workspace speaks Swedish and English only (issue 15), so its
 * strings live here, beside its code, and not under locales/: the resident
 * locale files, their twelve-language parity test and the translation ledger
 * (src/translations, `npm run translations`) read locales/<locale>/*.json and
 * so leave these out on purpose. Their own parity test is
 * tests/unit/staff-strings.test.ts. Keys are typed from sv (i18next.d.ts).
 */
export const staffLanguages = ['sv', 'en'] as const;
export type StaffLanguage = (typeof staffLanguages)[number];
export const LANGUAGE_COOKIE = 'jt_staff_lang';
export const isStaffLanguage = (v: string | undefined): v is StaffLanguage => v === 'sv' || v === 'en';

const instance = i18next.createInstance();
void instance.init({
  resources: { sv: { staff: sv }, en: { staff: en } },
  lng: 'sv',
  fallbackLng: 'sv',
  ns: ['staff'],
  defaultNS: 'staff',
  keySeparator: false,
  nsSeparator: false,
  // Astro escapes on output.
  interpolation: { escapeValue: false },
  initAsync: false,
});

export const staffT = (lang: StaffLanguage): TFunction<'staff'> => instance.getFixedT(lang, 'staff') as TFunction<'staff'>;

const tag = (lang: StaffLanguage) => (lang === 'sv' ? 'sv-SE' : 'en-GB');

/** Dates and times as staff read them: Stockholm time, in the page's language. */
export function staffFormat(lang: StaffLanguage) {
  const date = new Intl.DateTimeFormat(tag(lang), { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const short = new Intl.DateTimeFormat(tag(lang), { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short' });
  const time = new Intl.DateTimeFormat(tag(lang), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
  const dateTime = new Intl.DateTimeFormat(tag(lang), { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' });
  const languages = new Intl.DisplayNames([tag(lang)], { type: 'language' });
  return {
    /** A calendar date "YYYY-MM-DD" in words. */
    day: (iso: string) => date.format(new Date(`${iso}T12:00:00Z`)),
    shortDay: (iso: string) => short.format(new Date(`${iso}T12:00:00Z`)),
    time: (instant: Date) => time.format(instant),
    dateTime: (instant: Date) => dateTime.format(instant),
    language: (bcp47: string) => languages.of(bcp47) ?? bcp47,
  };
}
