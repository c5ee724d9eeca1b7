import { defaultLocale, hreflangLocales, isLocale, localeConfig, type Locale } from './locales.ts';

/**
 * A page's path in a locale. Slugs are Swedish and the same in every locale,
 * so switching language only swaps the first segment.
 */
export function localePath(locale: Locale, slug = ''): string {
  const clean = slug.replace(/^\/+|\/+$/g, '');
  return clean ? `/${locale}/${clean}/` : `/${locale}/`;
}

/** Splits `/ar/tillganglighet/` into its locale and slug; unknown first segments give no locale. */
export function splitLocalePath(pathname: string): { locale: Locale | undefined; slug: string } {
  const [first = '', ...rest] = pathname.replace(/^\/+/, '').split('/');
  if (!isLocale(first)) return { locale: undefined, slug: pathname.replace(/^\/+|\/+$/g, '') };
  return { locale: first, slug: rest.join('/').replace(/\/+$/, '') };
}

export interface Alternate {
  hreflang: string;
  href: string;
}

/**
 * hreflang alternates of a page. x-default is the language chooser for the
 * home pages and the Swedish original for every other page.
 */
export function alternates(slug: string, site: URL): Alternate[] {
  const links = hreflangLocales.map((id) => ({
    hreflang: localeConfig(id).lang,
    href: new URL(localePath(id, slug), site).href,
  }));
  const fallback = slug.replace(/^\/+|\/+$/g, '') ? localePath(defaultLocale, slug) : '/';
  links.push({ hreflang: 'x-default', href: new URL(fallback, site).href });
  return links;
}
