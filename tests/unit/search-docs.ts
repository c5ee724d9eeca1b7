import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Locale } from '../../src/i18n/locales';
import type { SearchDoc } from '../../src/search/search-index';
import { collectionPaths, markdownToText } from '../../src/search/text';

const root = new URL('../../content/', import.meta.url);

/** The locale's content pages as search documents, read from disk (the build reads the same files). */
export function docsFromDisk(locale: Locale): SearchDoc[] {
  return Object.entries(collectionPaths).flatMap(([collection, prefix]) =>
    readdirSync(new URL(`${collection}/sv/`, root)).map((name) => {
      const own = new URL(`${collection}/${locale}/${name}`, root);
      const raw = readFileSync(existsSync(own) ? own : new URL(`${collection}/sv/${name}`, root), 'utf8');
      const field = (f: string) => (new RegExp(`^${f}:\\s*"?(.*?)"?$`, 'm').exec(raw)?.[1] ?? '').trim();
      return { url: `/${locale}/${prefix}${name.replace(/\.md$/, '')}/`, title: field('title'), section: collection, description: field('description'), text: markdownToText(raw) };
    }),
  );
}
