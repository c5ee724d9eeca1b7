import i18next, { type TFunction } from 'i18next';
import type { IslandNamespace, Strings } from './island-strings';
import { defaultLocale, localeIds, type Locale } from './locales';

type Namespace = 'common' | 'home' | 'content' | 'questionnaire' | 'search' | 'booking';

// Every locales/<locale>/<namespace>.json, bundled at build time; the browser never loads i18next.
const files = import.meta.glob<Record<string, string>>('/locales/*/*.json', {
  eager: true,
  import: 'default',
});

function resourcesFromFiles(entries: Record<string, Record<string, string>>) {
  const resources: Record<string, Record<string, Record<string, string>>> = {};
  for (const [path, strings] of Object.entries(entries)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, locale, ns] = match as unknown as [string, string, string];
    (resources[locale] ??= {})[ns] = strings;
  }
  return resources;
}

const resources = resourcesFromFiles(files);

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: defaultLocale,
  supportedLngs: localeIds,
  // A missing string fails the parity test; readers still get Swedish rather than a raw key.
  fallbackLng: defaultLocale,
  ns: Object.keys(resources[defaultLocale] ?? {}),
  defaultNS: 'common',
  // Keys are flat and dotted (`nav.menu`), so dots are not separators.
  keySeparator: false,
  nsSeparator: false,
  // Astro escapes on output; escaping here too would double-encode.
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function useTranslations<N extends Namespace = 'common'>(locale: Locale, ns?: N): TFunction<N> {
  return instance.getFixedT(locale, ns ?? 'common') as TFunction<N>;
}

/**
 * A namespace's raw strings for an island, Swedish filling any gap as i18next
 * would: islands get plain strings as props, never i18next itself.
 */
export function stringsFor<N extends IslandNamespace>(locale: Locale, ns: N): Strings<N> {
  return { ...resources[defaultLocale]?.[ns], ...resources[locale]?.[ns] } as Strings<N>;
}
