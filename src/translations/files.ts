import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { localeIds, type Locale } from '../i18n/locales.ts';
import { serialiseLedger, type Ledger } from './ledger.ts';
import { textCollections, textId, type ContentText, type Corpus } from './units.ts';

/**
 * Reading and writing the translatable files under a project root: the site's
 * build and the `translations` command read them the same way, so both hash
 * the same text. A test passes a temporary folder as the root.
 */
const FRONT = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export const textFile = (root: string, id: string, locale: Locale) => {
  const [collection, slug] = id.split('/') as [string, string];
  return join(root, 'content', collection, locale, `${slug}.md`);
};
const stringsFile = (root: string, locale: Locale, ns: string) => join(root, 'locales', locale, `${ns}.json`);
const ledgerFile = (root: string, locale: Locale) => join(root, 'content', 'translations', `${locale}.json`);

/** A Markdown file's front matter (as a YAML document, to edit in place) and body. */
export function readMarkdown(file: string) {
  const [, front = '', body = ''] = FRONT.exec(readFileSync(file, 'utf8')) ?? [];
  return { front: parseDocument(front), body };
}

export function writeMarkdown(file: string, front: ReturnType<typeof parseDocument>, body: string) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `---\n${String(front).trimEnd()}\n---\n\n${body.trim()}\n`);
}

export function readText(file: string): ContentText {
  const { front, body } = readMarkdown(file);
  const field = (name: string) => String(front.get(name) ?? '');
  return { title: field('title'), description: field('description'), body, reviewed: front.get('reviewed') === true };
}

export function readCorpus(root: string): Corpus {
  const corpus: Corpus = { texts: {}, strings: {} };
  for (const locale of localeIds) {
    const texts = new Map<string, ContentText>();
    for (const collection of textCollections) {
      const dir = join(root, 'content', collection, locale);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
        texts.set(textId(collection, name.replace(/\.md$/, '')), readText(join(dir, name)));
      }
    }
    corpus.texts[locale] = texts;
    const dir = join(root, 'locales', locale);
    if (!existsSync(dir)) continue;
    corpus.strings[locale] = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>]),
    );
  }
  return corpus;
}

export function readLedger(root: string, locale: Locale): Ledger {
  const file = ledgerFile(root, locale);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Ledger) : {};
}

export function writeLedger(root: string, locale: Locale, ledger: Ledger) {
  mkdirSync(join(root, 'content', 'translations'), { recursive: true });
  writeFileSync(ledgerFile(root, locale), serialiseLedger(ledger));
}

/** Locale strings as written: two-space JSON, keys in the order they had, new keys last. */
export function writeStrings(root: string, locale: Locale, ns: string, strings: Record<string, string>) {
  writeFileSync(stringsFile(root, locale, ns), `${JSON.stringify(strings, null, 2)}\n`);
}
