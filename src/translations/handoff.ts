import { readFileSync } from 'node:fs';
import js2xliff from 'xliff/js2xliff';
import { parseDocument } from 'yaml';
import xliff2js, { type XliffDocument, type XliffInline, type XliffUnit, type XliffValue } from 'xliff/xliff2js';
import { defaultLocale, localeConfig, localeIds, type Locale } from '../i18n/locales.ts';
import { localePath } from '../i18n/paths.ts';
import { readCorpus, readLedger, readMarkdown, textFile, writeLedger, writeMarkdown, writeStrings } from './files.ts';
import { sourceHash, type Ledger } from './ledger.ts';
import { align, joinBlocks, plain, segment, spans, toMarkdown, type Block, type Inline, type Span } from './markdown.ts';
import { contentSource, localeStatus, PLURAL, stringUnits, textSlug, type ContentText } from './units.ts';

/**
 * The hand-off to a translation agency: XLIFF 2.0, the OASIS standard every
 * translation tool (Trados, memoQ, Phrase, Crowdin, Weblate) reads, with a
 * note per unit on where the text shows, what must stay and how long it may
 * be. i18next JSON would carry the UI strings but neither context notes nor
 * the Markdown texts, which go out cut into headings, paragraphs and list
 * items with links and bold as tags (see markdown.ts).
 *
 * One <file> per content text (`text.pages.sfi`: units `title`,
 * `description`, `b1` … in reading order) and per namespace of UI strings
 * (`strings.common`: one unit per key, per plural form the language needs).
 */

/** The schema's limits on front matter (src/content.config.ts), checked again on import. */
const TITLE_MIN = 3;
const DESCRIPTION = { min: 40, max: 260 };

const NAMESPACE_PLACE: Record<string, string> = {
  common: 'the frame of every page: header, menu, footer, language notices',
  home: 'the home page',
  content: 'the pages about services, target groups and job centres',
  questionnaire: 'the questionnaire "Vad passar mig?" and the page on how it assesses',
  search: 'the search page',
  booking: 'the booking pages, the confirmation and the cancel page',
};

/** The language tag a translation tool knows the locale by; easy-to-read Swedish is a private-use variety of sv. */
export function xliffLang(locale: Locale): string {
  return locale === 'lattlast' ? 'sv-x-lattlast' : localeConfig(locale).lang;
}

const textFileId = (id: string) => `text.${id.replace('/', '.')}`;
const stringsFileId = (ns: string) => `strings.${ns}`;

export const placeholders = (value: string) => [...value.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[0]).sort();

// ---- Markdown segments as XLIFF inline content -----------------------------

function toXliff(content: readonly Inline[]): XliffValue {
  return content.map((part) =>
    typeof part === 'string'
      ? part
      : {
          GenericSpan: {
            id: part.id,
            type: part.kind === 'link' ? 'link' : 'fmt',
            // Translation tools then refuse to drop the tag; the import checks it again.
            canDelete: 'no',
            ...(part.kind === 'link' ? {} : { subType: part.kind === 'strong' ? 'xlf:b' : 'xlf:i' }),
            contents: toXliff(part.children),
          },
        },
  );
}

/** A translated segment back as Markdown content: each tag's target from the Swedish span with its id. */
function fromXliff(value: XliffValue | undefined, source: Map<string, Span>, problems: string[], where: string): Inline[] {
  return parts(value).map((part): Inline => {
    if (typeof part === 'string') return part;
    const element = Object.values(part)[0]!;
    const span = source.get(element.id);
    if (!span) {
      problems.push(`${where}: a tag (${element.id}) that the Swedish text does not have`);
      return '';
    }
    return { ...span, children: fromXliff(element.contents, source, problems, where) };
  });
}

/** A value's parts: the reader gives a lone text as a string and a lone tag as an object, else an array. */
const parts = (value: XliffValue | XliffInline | undefined): XliffInline[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const textOf = (value: XliffValue | undefined): string =>
  parts(value)
    .map((p) => (typeof p === 'string' ? p : textOf(Object.values(p)[0]!.contents)))
    .join('');

// ---- Export ----------------------------------------------------------------

function blockNote(block: Block): string {
  const { kind } = block;
  return kind.type === 'heading' ? `A heading (level ${kind.depth}).` : kind.type === 'item' ? 'An item in a bulleted list.' : 'A paragraph.';
}

function spanNotes(content: readonly Inline[]): string[] {
  return spans(content).map((s) =>
    s.kind === 'link'
      ? `Tag ${s.id} is a link (to ${s.href}): keep it around the words that name where it leads.`
      : `Tag ${s.id} is ${s.kind === 'strong' ? 'bold' : 'italic'} text: keep it around the words it stresses.`,
  );
}

function textUnits(id: string, sv: ContentText, own: ContentText | undefined): Record<string, XliffUnit> {
  const page = `Shown on ${localePath(defaultLocale, textSlug(id))} (the Swedish original) and the same page in your language.`;
  const svBlocks = segment(sv.body);
  const ownBlocks = own && align(svBlocks, segment(own.body));
  const drift = own && !ownBlocks ? ['The current translation no longer follows the Swedish text block by block: translate every unit of this text.'] : [];
  const units: Record<string, XliffUnit> = {
    title: { source: sv.title, ...(own ? { target: own.title } : {}), note: [page, 'The page title: its main heading and the title in the browser tab.', ...drift] },
    description: {
      source: sv.description,
      ...(own ? { target: own.description } : {}),
      note: [page, `The summary shown in lists and search results: ${DESCRIPTION.min}–${DESCRIPTION.max} characters.`],
      additionalAttributes: { sizeRestriction: DESCRIPTION.max },
    },
  };
  svBlocks.forEach((block, i) => {
    const target = ownBlocks?.[i];
    units[`b${i + 1}`] = { source: toXliff(block.content), ...(target ? { target: toXliff(target.content) } : {}), note: [page, blockNote(block), ...spanNotes(block.content)] };
  });
  return units;
}

function stringUnitsFor(locale: Locale, ns: string, sv: Record<string, string>, own: Record<string, string>, include: (id: string) => boolean) {
  const categories = new Intl.PluralRules(localeConfig(locale).lang).resolvedOptions().pluralCategories;
  const units: Record<string, XliffUnit> = {};
  const done = new Set<string>();
  for (const key of Object.keys(sv)) {
    const base = key.replace(PLURAL, '');
    if (done.has(base) || !include(`${ns}:${base}`)) continue;
    done.add(base);
    const forms = base === key ? [key] : categories.map((c) => `${base}_${c}`);
    for (const form of forms) {
      const source = sv[form] ?? sv[`${base}_other`]!;
      const kept = placeholders(source);
      units[form] = {
        source,
        ...(own[form] !== undefined ? { target: own[form] } : {}),
        note: [
          `Shown in ${NAMESPACE_PLACE[ns] ?? ns} (key ${ns}:${form}).`,
          ...(form === key ? [] : [`Plural form "${form.slice(base.length + 1)}": the text used when the number takes this form in your language.`]),
          ...(kept.length ? [`Keep ${[...new Set(kept)].join(', ')} exactly as written: the portal fills in the value.`] : []),
        ],
      };
    }
  }
  return units;
}

/** An XLIFF 2.0 document of every text and string of `locale`, or (outdatedOnly) of those outdated or missing. */
export async function exportLocale(root: string, locale: Locale, { outdatedOnly }: { outdatedOnly: boolean }) {
  const corpus = readCorpus(root);
  const status = new Map(localeStatus(corpus, locale, readLedger(root, locale)).map((u) => [u.id, u.status]));
  const include = (id: string) => !outdatedOnly || status.get(id) === 'outdated' || status.get(id) === 'fallback';
  const resources: XliffDocument['resources'] = {};
  const ownTexts = corpus.texts[locale] ?? new Map();
  for (const [id, sv] of [...(corpus.texts[defaultLocale] ?? new Map())].sort(([a], [b]) => a.localeCompare(b, 'en'))) {
    if (include(id)) resources[textFileId(id)] = textUnits(id, sv, ownTexts.get(id));
  }
  for (const [ns, sv] of Object.entries(corpus.strings[defaultLocale] ?? {})) {
    const units = stringUnitsFor(locale, ns, sv, corpus.strings[locale]?.[ns] ?? {}, include);
    if (Object.keys(units).length) resources[stringsFileId(ns)] = units;
  }
  const units = Object.values(resources).reduce((n, file) => n + Object.keys(file).length, 0);
  // No indentation: a pretty-printer would add white space inside the mixed text of a segment.
  const xml = await js2xliff({ sourceLanguage: xliffLang(defaultLocale), targetLanguage: xliffLang(locale), resources }, { indent: '' });
  return { xml, units };
}

// ---- Import ----------------------------------------------------------------

export type ImportResult = { ok: true; locale: Locale; changed: string[] } | { ok: false; problems: string[] };

interface Options {
  /** The person signing the imported units off as reviewed; without one they are unreviewed. */
  reviewer?: string | undefined;
  now: Date;
}

/**
 * Reads a translated XLIFF file and writes what it changes: only units with a
 * non-empty target that differs from the current translation are written; a
 * text or string whose every unit came back is recorded in the ledger as made
 * from the current Swedish. Any broken unit (a placeholder or tag lost or
 * added, a Swedish source changed since the export, a summary too long)
 * refuses the whole file, naming each unit, and nothing is written.
 */
export async function importFile(root: string, file: string, options: Options): Promise<ImportResult> {
  let doc: XliffDocument;
  try {
    doc = await xliff2js(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`not an XLIFF 2.0 file: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const locale = localeIds.find((l) => l !== defaultLocale && xliffLang(l) === doc.targetLanguage);
  if (doc.sourceLanguage !== xliffLang(defaultLocale) || !locale) {
    return { ok: false, problems: [`the file translates ${doc.sourceLanguage} into ${doc.targetLanguage}; expected sv into one of ${localeIds.filter((l) => l !== defaultLocale).map(xliffLang).join(', ')}`] };
  }
  const plan = new ImportPlan(root, locale, options);
  for (const [fileId, units] of Object.entries(doc.resources)) {
    const text = /^text\.(pages|services|groups|locations)\.([a-z0-9-]+)$/.exec(fileId);
    const strings = /^strings\.([a-z]+)$/.exec(fileId);
    if (text) plan.text(`${text[1]}/${text[2]}`, units);
    else if (strings) plan.strings(strings[1]!, units);
    else plan.problems.push(`${fileId}: not a text or a namespace of the portal`);
  }
  if (plan.problems.length) return { ok: false, problems: plan.problems };
  plan.write();
  return { ok: true, locale, changed: plan.changed };
}

const filled = (unit: XliffUnit | undefined) => unit?.target !== undefined && textOf(unit.target).trim() !== '';

class ImportPlan {
  readonly problems: string[] = [];
  readonly changed: string[] = [];
  private readonly corpus;
  private readonly ledger: Ledger;
  private readonly writes: (() => void)[] = [];
  private readonly reviewedAt: string;
  private readonly root: string;
  private readonly locale: Locale;
  private readonly options: Options;

  constructor(root: string, locale: Locale, options: Options) {
    this.root = root;
    this.locale = locale;
    this.options = options;
    this.corpus = readCorpus(root);
    this.ledger = readLedger(root, locale);
    this.reviewedAt = options.now.toISOString().slice(0, 10);
  }

  /** The ledger entry of a unit that came back whole: made from `source`, signed off by the reviewer if any. */
  private record(id: string, source: string, changed: boolean): void {
    const old = this.ledger[id];
    const keepSignOff = !changed && old?.source === source && old.reviewedBy;
    this.ledger[id] = this.options.reviewer
      ? { source, reviewedBy: this.options.reviewer, reviewedAt: this.reviewedAt }
      : keepSignOff
        ? { ...old, source }
        : { source };
  }

  strings(ns: string, units: Record<string, XliffUnit>) {
    const sv = this.corpus.strings[defaultLocale]?.[ns];
    if (!sv) return void this.problems.push(`strings.${ns}: no such namespace`);
    const own = { ...this.corpus.strings[this.locale]?.[ns] };
    const touched = new Map<string, boolean>();
    for (const [key, unit] of Object.entries(units)) {
      const where = `${ns}:${key}`;
      const base = key.replace(PLURAL, '');
      const source = sv[key] ?? sv[`${base}_other`];
      if (source === undefined) {
        this.problems.push(`${where}: no such string in Swedish`);
        continue;
      }
      if (!filled(unit)) continue;
      const target = textOf(unit.target);
      const changed = own[key] !== target;
      const [want, got] = [placeholders(source), placeholders(target)];
      const wrong =
        typeof unit.target !== 'string'
          ? 'tags in a UI string'
          : textOf(unit.source) !== source
            ? 'the Swedish text changed after the export; export again'
            : want.join() !== got.join()
              ? `placeholders must be ${want.join(', ') || 'none'}, the translation has ${got.join(', ') || 'none'}`
              : undefined;
      // A unit that came back as it went out is no new work: a fault in it is left out, not refused.
      if (wrong) {
        if (changed) this.problems.push(`${where}: ${wrong}`);
        continue;
      }
      if (changed) {
        own[key] = target;
        this.changed.push(where);
      }
      touched.set(base, (touched.get(base) ?? false) || changed);
    }
    const sources = stringUnits({ [ns]: sv });
    for (const [base, changed] of touched) this.record(`${ns}:${base}`, sourceHash(sources.get(`${ns}:${base}`)!), changed);
    if ([...touched.values()].some(Boolean)) this.writes.push(() => writeStrings(this.root, this.locale, ns, own));
  }

  text(id: string, units: Record<string, XliffUnit>) {
    const sv = this.corpus.texts[defaultLocale]?.get(id);
    if (!sv) return void this.problems.push(`${textFileId(id)}: no such text in Swedish`);
    const own = this.corpus.texts[this.locale]?.get(id);
    const svBlocks = segment(sv.body);
    const current = own && align(svBlocks, segment(own.body));
    const where = (unit: string) => `${textFileId(id)} ${unit}`;
    // Faults count only if the text brings something new; one that came back as it went out is left out.
    const faults: string[] = [];

    const unitIds = ['title', 'description', ...svBlocks.map((_, i) => `b${i + 1}`)];
    for (const unitId of Object.keys(units)) if (!unitIds.includes(unitId)) faults.push(`${where(unitId)}: the Swedish text has no such unit`);

    // Front matter: the page title and its summary, with the schema's limits.
    const field = (name: 'title' | 'description') => {
      const unit = units[name];
      if (!filled(unit)) return undefined;
      if (textOf(unit!.source) !== sv[name]) faults.push(`${where(name)}: the Swedish text changed after the export; export again`);
      const value = textOf(unit!.target).trim();
      if (name === 'title' && value.length < TITLE_MIN) faults.push(`${where(name)}: a title of at least ${TITLE_MIN} characters`);
      if (name === 'description' && (value.length < DESCRIPTION.min || value.length > DESCRIPTION.max))
        faults.push(`${where(name)}: ${value.length} characters; a summary has ${DESCRIPTION.min}–${DESCRIPTION.max}`);
      return value;
    };
    const newTitle = field('title');
    const newDescription = field('description');

    // The body, block by block: each tag of the Swedish block exactly once, no other.
    const newBlocks: (Block | undefined)[] = svBlocks.map((block, i) => {
      const unitId = `b${i + 1}`;
      const unit = units[unitId];
      if (!filled(unit)) return undefined;
      const byId = new Map(spans(block.content).map((s) => [s.id, s]));
      if (plain(fromXliff(unit!.source, byId, [], '')) !== plain(block.content)) {
        faults.push(`${where(unitId)}: the Swedish text changed after the export; export again`);
        return undefined;
      }
      const content = fromXliff(unit!.target, byId, faults, where(unitId));
      const kept = spans(content).map((s) => s.id);
      for (const span of byId.values()) {
        const count = kept.filter((k) => k === span.id).length;
        if (count !== 1) faults.push(`${where(unitId)}: ${span.kind === 'link' ? `the link ${span.id} (to ${span.href})` : `the tag ${span.id}`} ${count ? 'more than once' : 'is missing'}`);
      }
      return { kind: block.kind, content };
    });

    const differs =
      (newTitle !== undefined && newTitle !== own?.title) ||
      (newDescription !== undefined && newDescription !== own?.description) ||
      newBlocks.some((b, i) => b && (!current || toMarkdown(b.content) !== toMarkdown(current[i]!.content)));
    const whole = unitIds.every((u) => filled(units[u]));
    if (faults.length) {
      if (differs) this.problems.push(...faults);
      return;
    }
    if (!differs && !whole) return;

    const title = newTitle ?? own?.title;
    const description = newDescription ?? own?.description;
    const blocks = newBlocks.map((b, i) => b ?? current?.[i]);
    if (title === undefined || description === undefined || blocks.some((b) => b === undefined)) {
      const missing = unitIds.filter((u, i) => (u === 'title' ? title : u === 'description' ? description : blocks[i - 2]) === undefined);
      return void this.problems.push(
        `${textFileId(id)}: ${own ? 'the current translation no longer follows the Swedish blocks, so' : 'there is no translation yet, so'} every unit needs a translation; missing ${missing.join(', ')}`,
      );
    }

    const body = joinBlocks(blocks as Block[]);
    const bodyChanged = !current || body !== joinBlocks(current);
    const changed = !own || differs;
    if (changed) this.changed.push(id);
    // A text counts as made from the current Swedish only when every unit came back.
    const source = sourceHash(contentSource(sv));
    const sourceMoved = this.ledger[id]?.source !== source;
    if (whole) this.record(id, source, changed);
    // Front matter `reviewed` follows: a sign-off sets it; a new wording, or an old one confirmed for a new source, clears it.
    const reviewed = this.options.reviewer && whole ? true : changed || (whole && sourceMoved) ? false : (own?.reviewed ?? false);
    if (!changed && reviewed === own?.reviewed) return;

    const target = textFile(this.root, id, this.locale);
    this.writes.push(() => {
      const existing = own ? readMarkdown(target) : undefined;
      const front = existing?.front ?? parseDocument('');
      const svFront = readMarkdown(textFile(this.root, id, defaultLocale)).front;
      front.set('title', title);
      front.set('description', description);
      front.set('translationOf', `${defaultLocale}/${id.split('/')[1]}`);
      front.set('reviewed', reviewed);
      if (!existing) front.set('lastReviewed', svFront.get('lastReviewed'));
      writeMarkdown(target, front, bodyChanged ? body : existing!.body);
    });
  }

  write() {
    for (const write of this.writes) write();
    writeLedger(this.root, this.locale, this.ledger);
  }
}
