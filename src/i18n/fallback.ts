import { defaultLocale, type Locale } from './locales';

export interface Resolved<T> {
  entry: T;
  /** True when the locale has no translation and the Swedish source stands in. */
  isFallback: boolean;
}

/**
 * The entry for `slug` in `locale`, or the Swedish source with `isFallback`
 * set, so the page can mark the content as Swedish and say so in the reader's
 * language instead of failing or silently showing the wrong language.
 */
export function resolveTranslation<T extends { id: string }>(
  entries: readonly T[],
  locale: Locale,
  slug: string,
): Resolved<T> | undefined {
  const own = entries.find((e) => e.id === `${locale}/${slug}`);
  if (own) return { entry: own, isFallback: false };
  const source = entries.find((e) => e.id === `${defaultLocale}/${slug}`);
  return source && { entry: source, isFallback: true };
}

/** Slugs of the Swedish source entries: every locale gets a page for each. */
export function sourceSlugs(entries: readonly { id: string }[]): string[] {
  const prefix = `${defaultLocale}/`;
  return entries.filter((e) => e.id.startsWith(prefix)).map((e) => e.id.slice(prefix.length));
}
