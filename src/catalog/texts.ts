import { getCollection, type CollectionEntry } from 'astro:content';
import { resolveTranslation, type Resolved } from '../i18n/fallback';
import { defaultLocale, localeConfig, type Locale } from '../i18n/locales';

export type TextCollection = 'pages' | 'services' | 'groups' | 'locations';
export type Text<C extends TextCollection> = Resolved<CollectionEntry<C>>;

/**
 * The text of one catalog entry in a locale, or the Swedish source marked as
 * fallback. A catalog id without Swedish text is a content error: the build stops.
 */
export async function textFor<C extends TextCollection>(collection: C, locale: Locale, id: string): Promise<Text<C>> {
  const entries = (await getCollection(collection)) as CollectionEntry<C>[];
  const resolved = resolveTranslation(entries, locale, id);
  if (!resolved) throw new Error(`content/${collection}/sv/${id}.md is missing`);
  return resolved;
}

export async function textsFor<C extends TextCollection>(collection: C, locale: Locale, ids: readonly string[]) {
  return Promise.all(ids.map(async (id) => ({ id, text: await textFor(collection, locale, id) })));
}

export interface Card {
  href: string;
  label: string;
  description: string;
  /** Set when the label and description are the Swedish fallback. */
  lang: string | undefined;
  dir: 'ltr' | 'rtl' | undefined;
}

/**
 * The attributes a fallback text needs: Swedish lang, so it is pronounced as
 * Swedish, and Swedish dir, so it does not run right to left on an Arabic page.
 */
export function fallbackAttrs(text: Text<TextCollection>): { lang?: string; dir?: 'ltr' | 'rtl' } {
  if (!text.isFallback) return {};
  const { lang, dir } = localeConfig(defaultLocale);
  return { lang, dir };
}

/** List items for services, groups or guides: title and one-sentence summary, marked Swedish when they fall back. */
export async function cardsFor(
  collection: TextCollection,
  locale: Locale,
  ids: readonly string[],
  href: (id: string) => string,
): Promise<Card[]> {
  const texts = await textsFor(collection, locale, ids);
  return texts.map(({ id, text }) => ({
    href: href(id),
    label: text.entry.data.title,
    description: text.entry.data.description,
    lang: fallbackAttrs(text).lang,
    dir: fallbackAttrs(text).dir,
  }));
}

/** The newest review date among the texts a listing page shows. */
export function newestReview(texts: readonly { text: Text<TextCollection> }[]): Date {
  return new Date(Math.max(...texts.map(({ text }) => text.entry.data.lastReviewed.getTime())));
}
