import lunr from 'lunr';
import type { Locale } from '../i18n/locales.ts';
import { foldSwedish, normaliseArabicScript, SEPARATOR, trimToken } from './normalise.ts';

/**
 * Which lunr-languages stemmer each locale uses. Ukrainian, Persian, Dari,
 * Somali, Tigrinya and Kurmanji have none there, and lunr's English trimmer
 * would strip their words to nothing, so they get a script-neutral pipeline.
 */
export const stemmers = { sv: 'sv', lattlast: 'sv', en: 'en', fi: 'fi', ru: 'ru', ar: 'ar' } as const satisfies Partial<Record<Locale, string>>;

type Lunr = typeof lunr & Record<string, unknown>;
type PipelineFunction = lunr.PipelineFunction;
const registered = new Set<string>();

function register(fn: PipelineFunction, label: string) {
  if (registered.has(label)) return;
  lunr.Pipeline.registerFunction(fn, label);
  registered.add(label);
}

// A token normalised to nothing is dropped from the index and the query.
const map =
  (f: (s: string) => string): PipelineFunction =>
  (token) => {
    const out = f(token.toString());
    return out ? token.update(() => out) : null;
  };
const trim = map(trimToken);
const arabic = map(normaliseArabicScript);
const fold = map(foldSwedish);

/** Loads the locale's lunr-languages module (only those it needs) and registers the portal's functions. */
export async function loadLanguage(locale: Locale): Promise<void> {
  lunr.tokenizer.separator = SEPARATOR;
  register(trim, 'jt-trim');
  register(arabic, 'jt-arabic');
  register(fold, 'jt-fold-sv');
  const stemmer = (stemmers as Partial<Record<Locale, string>>)[locale];
  if (!stemmer || stemmer === 'en') return;
  const support = (await import('lunr-languages/lunr.stemmer.support.js')).default as (l: typeof lunr) => void;
  if (!(lunr as Lunr).stemmerSupport) support(lunr);
  const modules = {
    sv: () => import('lunr-languages/lunr.sv.js'),
    fi: () => import('lunr-languages/lunr.fi.js'),
    ru: () => import('lunr-languages/lunr.ru.js'),
    ar: () => import('lunr-languages/lunr.ar.js'),
  } as const;
  if (!(lunr as Lunr)[stemmer]) ((await modules[stemmer as keyof typeof modules]()).default as (l: typeof lunr) => void)(lunr);
}

interface LanguagePipelines {
  index: PipelineFunction[];
  search: PipelineFunction[];
}

/** The pipelines a locale's index is built and searched with. loadLanguage(locale) first. */
export function pipelinesFor(locale: Locale): LanguagePipelines {
  const l = lunr as unknown as Record<string, { trimmer: PipelineFunction; stopWordFilter: PipelineFunction; stemmer: PipelineFunction }>;
  const stemmer: string | undefined = (stemmers as Partial<Record<Locale, string>>)[locale];
  if (stemmer === 'en') return { index: [lunr.trimmer, lunr.stopWordFilter, lunr.stemmer], search: [lunr.stemmer] };
  if (stemmer === 'sv') {
    const sv = l.sv!;
    return { index: [sv.trimmer, sv.stopWordFilter, sv.stemmer, fold], search: [sv.stemmer, fold] };
  }
  if (stemmer === 'ar') {
    const ar = l.ar!;
    return { index: [arabic, ar.trimmer, ar.stopWordFilter, ar.stemmer], search: [arabic, ar.stemmer] };
  }
  if (stemmer) {
    const lang = l[stemmer]!;
    return { index: [lang.trimmer, lang.stopWordFilter, lang.stemmer], search: [lang.stemmer] };
  }
  const script = locale === 'fa' || locale === 'prs' ? [trim, arabic] : [trim];
  return { index: script, search: script };
}

/** The words of a text as the index sees them before stemming, for marking matches in a snippet. */
export function normaliseQueryWord(locale: Locale, word: string): string {
  let w = trimToken(word.toLowerCase());
  if (locale === 'ar' || locale === 'fa' || locale === 'prs') w = normaliseArabicScript(w);
  if (locale === 'sv' || locale === 'lattlast') w = foldSwedish(w);
  return w;
}
