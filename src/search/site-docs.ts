import { getCollection } from 'astro:content';
import { catalog } from '../catalog';
import { resolveTranslation } from '../i18n/fallback';
import type { Locale } from '../i18n/locales';
import { localePath } from '../i18n/paths';
import { stringsFor, useTranslations } from '../i18n/translate';
import type { SearchDoc } from './search-index';
import { collectionPaths, markdownToText } from './text';

type Collection = keyof typeof collectionPaths;

/** Every page of a locale that a resident might look for, as search documents. */
export async function siteDocs(locale: Locale): Promise<SearchDoc[]> {
  const s = useTranslations(locale, 'search');
  const c = useTranslations(locale, 'content');
  const docs: SearchDoc[] = [];
  for (const collection of Object.keys(collectionPaths) as Collection[]) {
    const entries = await getCollection(collection);
    for (const source of entries.filter((e) => e.id.startsWith('sv/'))) {
      const slug = source.id.slice(3);
      const text = resolveTranslation(entries, locale, slug)!;
      const isGuide = collection === 'pages' && catalog.paths.some((p) => p.id === slug);
      docs.push({
        url: localePath(locale, `${collectionPaths[collection]}${slug}`),
        title: text.entry.data.title,
        section: s(collection === 'pages' && !isGuide ? 'section.pages' : `section.${collection}`),
        description: text.entry.data.description,
        text: markdownToText(text.entry.body ?? ''),
      });
    }
  }
  const q = stringsFor(locale, 'questionnaire');
  docs.push(
    { url: localePath(locale, 'vad-passar-mig'), title: q['page.title']!, section: s('section.tools'), description: q['page.description']!, text: q['page.lead']! },
    { url: localePath(locale, 'insatser'), title: c('services.title'), section: s('section.services'), description: c('services.description'), text: c('services.lead') },
    { url: localePath(locale, 'jobbtorg'), title: c('locations.title'), section: s('section.locations'), description: c('locations.description'), text: c('locations.lead') },
  );
  return docs;
}
