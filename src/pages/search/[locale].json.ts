import type { APIRoute } from 'astro';
import { localeIds, type Locale } from '../../i18n/locales';
import { loadLanguage } from '../../search/languages';
import { buildIndex } from '../../search/search-index';
import { siteDocs } from '../../search/site-docs';

/** One lunr index per locale, built with the locale's pipeline and written as a static file. */
export function getStaticPaths() {
  return localeIds.map((locale) => ({ params: { locale } }));
}

export const GET: APIRoute = async ({ params }) => {
  const locale = params.locale as Locale;
  await loadLanguage(locale);
  return new Response(JSON.stringify(buildIndex(locale, await siteDocs(locale))), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
