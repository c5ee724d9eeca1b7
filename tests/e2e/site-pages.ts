import { relative } from 'node:path';
import { isLocale, localeIds, type Locale } from '../../src/i18n/locales';
import { CLIENT_DIR, filesUnder } from '../dist';

export interface SitePage {
  path: string;
  locale: Locale | undefined;
}

/** Every page the build wrote, as the URL a visitor uses. */
export const builtPages: SitePage[] = filesUnder()
  .filter((f) => f.endsWith('index.html'))
  .map((f) => {
    const path = `/${relative(CLIENT_DIR, f).replace(/index\.html$/, '')}`;
    const first = path.split('/')[1];
    return { path, locale: isLocale(first) ? first : undefined };
  })
  .sort((a, b) => a.path.localeCompare(b.path));

/** Pages rendered on request: the not-found page of every locale. */
export const notFoundPages: SitePage[] = localeIds.map((locale) => ({ path: `/${locale}/finns-inte-har/`, locale }));
