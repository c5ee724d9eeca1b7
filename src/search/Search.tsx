import { useEffect, useRef, useState } from 'preact/hooks';
import { fill } from '../i18n/fill';
import type { Locale } from '../i18n/locales';
import type { SearchResult, Synonyms } from './search-index';

interface Props {
  locale: Locale;
  lang: string;
  /** The page's search strings (search.json), resolved at build. */
  strings: Record<string, string>;
  indexUrl: string;
  synonyms: Synonyms;
}

type Search = (query: string, synonyms?: Synonyms) => SearchResult[];
type Status = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed' } | { kind: 'done'; query: string; results: SearchResult[] };

let loaded: Promise<Search> | undefined;

/** Fetches the locale's index and its language pipeline the first time a search is made. */
function loadSearch(locale: Locale, indexUrl: string): Promise<Search> {
  loaded ??= (async () => {
    const [{ loadLanguage }, { openIndex }, data] = await Promise.all([
      import('./languages'),
      import('./search-index'),
      fetch(indexUrl).then((r) => {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      }),
    ]);
    await loadLanguage(locale);
    return openIndex(data);
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}

/**
 * The search form and its results. Without JavaScript the same form submits
 * to this page, which then shows the A–Ö list of every page below.
 */
export default function SearchBox({ locale, lang, strings, indexUrl, synonyms }: Props) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const plural = new Intl.PluralRules(lang);

  async function run(q: string) {
    const trimmed = q.trim();
    const url = new URL(location.href);
    if (trimmed) url.searchParams.set('q', trimmed);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    if (!trimmed) return setStatus({ kind: 'idle' });
    setStatus({ kind: 'loading' });
    try {
      const search = await loadSearch(locale, indexUrl);
      setStatus({ kind: 'done', query: trimmed, results: search(trimmed, synonyms) });
    } catch {
      setStatus({ kind: 'failed' });
    }
  }

  useEffect(() => {
    const q = new URLSearchParams(location.search).get('q') ?? '';
    setQuery(q);
    if (q) void run(q);
  }, []);

  const count = status.kind === 'done' ? status.results.length : 0;
  const summary =
    status.kind === 'loading'
      ? strings.loading
      : status.kind === 'failed'
        ? strings.failed
        : status.kind === 'done'
          ? count === 0
            ? fill(strings.noResults ?? '', { query: status.query })
            : fill(strings[`results_${plural.select(count)}`] ?? strings.results_other ?? '', { count, query: status.query })
          : '';

  return (
    <div class="search">
      <form
        role="search"
        class="search-form"
        method="get"
        aria-label={strings.label}
        onSubmit={(e) => {
          e.preventDefault();
          void run(query);
        }}
      >
        <label for="search-q">{strings.label}</label>
        <div class="search-form__row">
          <input
            id="search-q"
            class="input"
            type="search"
            name="q"
            value={query}
            autoComplete="off"
            enterKeyHint="search"
            onInput={(e) => {
              const value = (e.target as HTMLInputElement).value;
              setQuery(value);
              clearTimeout(timer.current);
              timer.current = setTimeout(() => void run(value), 200);
            }}
          />
          <button type="submit" class="button">
            {strings.button}
          </button>
        </div>
      </form>
      <p class="search-status" role="status">
        {summary}
      </p>
      {status.kind === 'done' && count > 0 && (
        <ol class="search-results">
          {status.results.map((r) => (
            <li key={r.url}>
              <a href={r.url}>{r.title}</a>
              <p class="search-results__section">{r.section}</p>
              <p>{r.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
