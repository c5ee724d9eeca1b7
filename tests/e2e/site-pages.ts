import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isLocale, localeIds, type Locale } from '../../src/i18n/locales';

const root = 'dist/client';
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));

export interface SitePage {
  path: string;
  locale: Locale | undefined;
}

/** Every page the build wrote, as the URL a visitor uses. */
export const builtPages: SitePage[] = walk(root)
  .filter((f) => f.endsWith('index.html'))
  .map((f) => {
    const path = `/${relative(root, f).replace(/index\.html$/, '')}`;
    const first = path.split('/')[1];
    return { path, locale: isLocale(first) ? first : undefined };
  })
  .sort((a, b) => a.path.localeCompare(b.path));

/** Pages rendered on request: the not-found page of every locale. */
export const notFoundPages: SitePage[] = localeIds.map((locale) => ({ path: `/${locale}/finns-inte-har/`, locale }));
