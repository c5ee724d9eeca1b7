import lunr from 'lunr';
import type { Locale } from '../i18n/locales.ts';
import { normaliseQueryWord, pipelinesFor } from './languages.ts';
import { SEPARATOR } from './normalise.ts';

/** One page as the search knows it. */
export interface SearchDoc {
  /** The page's path, which is also its id in the index. */
  url: string;
  title: string;
  /** The section the page belongs to, shown with each result. */
  section: string;
  description: string;
  /** Plain text of the body, for matching and snippets. */
  text: string;
}

/** What /search/<locale>.json holds: the serialised index and the stored fields. */
export interface SearchData {
  locale: Locale;
  index: object;
  docs: Record<string, { title: string; section: string; text: string }>;
}

const SNIPPET_SOURCE = 700;

/** Builds a locale's index. Positions are not stored: snippets are marked from the query words. */
export function buildIndex(locale: Locale, docs: readonly SearchDoc[]): SearchData {
  const { index: pipeline, search } = pipelinesFor(locale);
  const idx = lunr(function () {
    this.pipeline.reset();
    this.pipeline.add(...pipeline);
    this.searchPipeline.reset();
    this.searchPipeline.add(...search);
    this.ref('url');
    this.field('title', { boost: 8 });
    this.field('description', { boost: 3 });
    this.field('text');
    for (const doc of docs) this.add(doc);
  });
  return {
    locale,
    index: idx.toJSON(),
    docs: Object.fromEntries(
      docs.map((d) => [d.url, { title: d.title, section: d.section, text: `${d.description} ${d.text}`.slice(0, SNIPPET_SOURCE) }]),
    ),
  };
}

export interface SearchResult {
  url: string;
  title: string;
  section: string;
  /** Snippet split into plain and matched parts, so the page can mark them without innerHTML. */
  snippet: { text: string; match: boolean }[];
}

export type Synonyms = Record<string, string[]>;

/** A loaded index, ready to answer queries. */
export function openIndex(data: SearchData) {
  const index = lunr.Index.load(data.index);
  return (query: string, synonyms: Synonyms = {}) => search(data, index, query, synonyms);
}

function search(data: SearchData, index: lunr.Index, query: string, synonyms: Synonyms): SearchResult[] {
  const words = query
    .toLowerCase()
    .split(SEPARATOR)
    .map((w) => w.trim())
    .filter(Boolean);
  const expanded = [...new Set(words.flatMap((w) => [w, ...(synonyms[w] ?? synonyms[normaliseQueryWord(data.locale, w)] ?? [])]))];
  if (expanded.length === 0) return [];
  const hits = index.query((q) => {
    for (const word of expanded) {
      q.term(word, { boost: 10 });
      // Typing is slow on a phone: "prakt" finds "praktik". Wildcards skip the pipeline, so normalise by hand.
      const stem = normaliseQueryWord(data.locale, word);
      if (stem.length >= 3) q.term(stem, { wildcard: lunr.Query.wildcard.TRAILING, boost: 1, usePipeline: false });
    }
  });
  const wanted = expanded.map((w) => normaliseQueryWord(data.locale, w)).filter((w) => w.length >= 2);
  return hits.map((hit) => {
    const doc = data.docs[hit.ref]!;
    return { url: hit.ref, title: doc.title, section: doc.section, snippet: snippet(data.locale, doc.text, wanted) };
  });
}

/** About 30 words around the first match, with every word that starts like a query word marked. */
export function snippet(locale: Locale, text: string, wanted: readonly string[]): { text: string; match: boolean }[] {
  const parts = text.split(/(\s+)/);
  const isMatch = (part: string) => {
    const w = normaliseQueryWord(locale, part);
    return w.length > 0 && wanted.some((q) => w.startsWith(q) || (w.length >= 4 && q.startsWith(w)));
  };
  const first = Math.max(0, parts.findIndex(isMatch));
  const start = Math.max(0, first - 16);
  const window = parts.slice(start, start + 60);
  const out: { text: string; match: boolean }[] = [];
  if (start > 0) out.push({ text: '… ', match: false });
  for (const part of window) {
    const match = isMatch(part);
    const last = out.at(-1);
    if (last && last.match === match && !match) last.text += part;
    else out.push({ text: part, match });
  }
  if (start + 60 < parts.length) out.push({ text: ' …', match: false });
  return out;
}
