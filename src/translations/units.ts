import { defaultLocale, type Locale } from '../i18n/locales.ts';
import { sourceHash, type Ledger, type TranslatedUnit } from './ledger.ts';
import { translationStatus, type TranslationStatus } from './status.ts';

/**
 * The units translations are tracked in: each content text
 * (`pages/sfi`: title, description and body together, as a page is
 * translated as a whole) and each UI string (`common:nav.home`; plural forms
 * of one key are one unit, as Russian needs other forms than Swedish).
 */
export const textCollections = ['pages', 'services', 'groups', 'locations'] as const;
export type TextCollection = (typeof textCollections)[number];

/** The words of one content text in one locale. */
export interface ContentText {
  title: string;
  description: string;
  body: string;
  /** Front matter `reviewed`: a person has checked this text. */
  reviewed: boolean;
}

/** Everything translatable, as read from content/ and locales/ (or a test's fixture of them). */
export interface Corpus {
  /** Content texts by unit id (`pages/sfi`), per locale. */
  texts: Partial<Record<Locale, Map<string, ContentText>>>;
  /** UI strings per locale and namespace. */
  strings: Partial<Record<Locale, Record<string, Record<string, string>>>>;
}

export const textId = (collection: TextCollection, slug: string) => `${collection}/${slug}`;

/** Where a content text is shown, as a slug for localePath. */
export function textSlug(id: string): string {
  const [collection, slug] = id.split('/') as [TextCollection, string];
  return { pages: slug, services: `insatser/${slug}`, groups: `insatser/for/${slug}`, locations: `jobbtorg/${slug}` }[collection];
}

/** The text a content translation is made from: what a reader reads, not the front matter's dates. */
export function contentSource(text: Pick<ContentText, 'title' | 'description' | 'body'>): string {
  return [text.title.trim(), text.description.trim(), text.body.trim()].join('\n\n');
}

export const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A namespace's strings as units: id `ns:key`, plural forms folded into one unit, their values joined. */
export function stringUnits(namespaces: Record<string, Record<string, string>>): Map<string, string> {
  const units = new Map<string, string[]>();
  for (const [ns, strings] of Object.entries(namespaces)) {
    for (const key of Object.keys(strings).sort()) {
      const id = `${ns}:${key.replace(PLURAL, '')}`;
      units.set(id, [...(units.get(id) ?? []), strings[key]!]);
    }
  }
  return new Map([...units].map(([id, values]) => [id, values.join('\n')]));
}

export interface UnitStatus {
  id: string;
  kind: 'text' | 'string';
  status: TranslationStatus;
}

/** Every unit of the Swedish source with its status in `locale`, texts first, each in id order. */
export function localeStatus(corpus: Corpus, locale: Locale, ledger: Ledger): UnitStatus[] {
  const svTexts = corpus.texts[defaultLocale] ?? new Map();
  const ownTexts = corpus.texts[locale] ?? new Map();
  const texts = [...svTexts].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([id, sv]) => {
    const own = ownTexts.get(id);
    const status = translationStatus({ source: sourceHash(contentSource(sv)), translated: !!own, reviewedFlag: own?.reviewed, entry: ledger[id] });
    return { id, kind: 'text' as const, status };
  });
  const ownStrings = stringUnits(corpus.strings[locale] ?? {});
  const strings = [...stringUnits(corpus.strings[defaultLocale] ?? {})].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([id, sv]) => {
    const status = translationStatus({ source: sourceHash(sv), translated: ownStrings.has(id), entry: ledger[id] });
    return { id, kind: 'string' as const, status };
  });
  return [...texts, ...strings];
}

/** The units `locale` has translated, with their Swedish source's hash now: what `stamp` records. */
export function translatedUnits(corpus: Corpus, locale: Locale): TranslatedUnit[] {
  const svTexts = corpus.texts[defaultLocale] ?? new Map();
  const ownTexts = corpus.texts[locale] ?? new Map();
  const ownStrings = stringUnits(corpus.strings[locale] ?? {});
  return [
    ...[...svTexts].filter(([id]) => ownTexts.has(id)).map(([id, sv]) => ({ id, source: sourceHash(contentSource(sv)) })),
    ...[...stringUnits(corpus.strings[defaultLocale] ?? {})].filter(([id]) => ownStrings.has(id)).map(([id, sv]) => ({ id, source: sourceHash(sv) })),
  ];
}
