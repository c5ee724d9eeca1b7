/**
 * The single source of truth for the portal's languages. Routes, the RTL set,
 * hreflang alternates, fonts and the language switcher are all derived from it.
 */
type Dir = 'ltr' | 'rtl';

/** Writing systems that need a self-hosted font because phones often lack one. */
export type FontScript = 'arabic' | 'ethiopic';

interface LocaleConfig {
  /** The language's name in its own language and script. */
  readonly label: string;
  /** BCP-47 tag for `<html lang>`. */
  readonly lang: string;
  readonly dir: Dir;
  /** Set when the script needs a self-hosted font. */
  readonly font?: FontScript;
  /**
   * A variety of another locale that must not be an hreflang alternate
   * (search engines cannot tell two `sv` pages apart); offered from its
   * parent's pages instead.
   */
  readonly variantOf?: string;
  /** How a variety is offered on its parent's pages ("Lättläst"). */
  readonly offeredAs?: string;
  /**
   * Persian digits (۰–۹) in all text, as Intl writes the locale's dates and
   * times, so a page never mixes two digit systems (a test checks the texts).
   */
  readonly persianDigits?: true;
}

export const locales = {
  sv: { label: 'Svenska', lang: 'sv', dir: 'ltr' },
  lattlast: { label: 'Lättläst svenska', lang: 'sv', dir: 'ltr', variantOf: 'sv', offeredAs: 'Lättläst' },
  en: { label: 'English', lang: 'en', dir: 'ltr' },
  ar: { label: 'العربية', lang: 'ar', dir: 'rtl', font: 'arabic' },
  fa: { label: 'فارسی', lang: 'fa', dir: 'rtl', font: 'arabic', persianDigits: true },
  prs: { label: 'دری', lang: 'prs', dir: 'rtl', font: 'arabic', persianDigits: true },
  so: { label: 'Soomaali', lang: 'so', dir: 'ltr' },
  ti: { label: 'ትግርኛ', lang: 'ti', dir: 'ltr', font: 'ethiopic' },
  fi: { label: 'Suomi', lang: 'fi', dir: 'ltr' },
  uk: { label: 'Українська', lang: 'uk', dir: 'ltr' },
  ku: { label: 'Kurdî (Kurmancî)', lang: 'ku', dir: 'ltr' },
  ru: { label: 'Русский', lang: 'ru', dir: 'ltr' },
} as const satisfies Record<string, LocaleConfig>;

export type Locale = keyof typeof locales;

export const defaultLocale = 'sv' satisfies Locale;

export const localeIds = Object.keys(locales) as Locale[];

export function isLocale(value: string | undefined): value is Locale {
  return value !== undefined && Object.hasOwn(locales, value);
}

export function localeConfig(locale: Locale): LocaleConfig {
  return locales[locale];
}

/** Locales that are hreflang alternates of each other (varieties excluded). */
export const hreflangLocales = localeIds.filter((id) => !('variantOf' in locales[id]));

/** The easy-to-read variety offered from a locale's pages, if there is one. */
export function varietiesOf(locale: Locale): Locale[] {
  return localeIds.filter((id) => localeConfig(id).variantOf === locale);
}
