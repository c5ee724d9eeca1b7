import { createHash } from 'node:crypto';

/**
 * What a translation was made from, one file per locale
 * (content/translations/<locale>.json): for each unit the short sha256 of the
 * Swedish text it was translated from, and who reviewed it, when a person did.
 *
 * A hash rather than git history (as Lunaria does): CI runs on a clean clone
 * that may be shallow, where "when did sv/sfi.md last change" has no answer,
 * and a hash survives renames, rebases and squashed merges. A ledger file per
 * locale rather than a field in each Markdown file, so recording a hash never
 * touches the texts people are editing.
 */
export interface LedgerEntry {
  /** Short sha256 of the Swedish text this translation was made from. */
  source: string;
  /** The person who reviewed the translation against that source. */
  reviewedBy?: string;
  /** When they signed it off, an ISO date. */
  reviewedAt?: string;
}

/** Unit id (`pages/sfi`, `questionnaire:outcome.kaa.title`) → entry. */
export type Ledger = Record<string, LedgerEntry>;

/** 12 hex digits of sha256: enough to tell two versions of one text apart, short enough to read in a diff. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, 12);
}

/** A unit a locale has translated, with the hash of its Swedish source as it is now. */
export interface TranslatedUnit {
  id: string;
  source: string;
}

/**
 * The ledger after `stamp`: every translated unit without an entry is recorded
 * as made from the current Swedish (with `all`, every translated unit is, and
 * its sign-off kept). Entries of units no longer translated are dropped.
 */
export function stamp(ledger: Ledger, translated: readonly TranslatedUnit[], all = false): Ledger {
  const next: Ledger = {};
  for (const { id, source } of translated) {
    const old = ledger[id];
    next[id] = old && !all ? old : { ...old, source };
  }
  return sortLedger(next);
}

/** Entries in id order, so a ledger diff shows only what changed. */
export function sortLedger(ledger: Ledger): Ledger {
  return Object.fromEntries(Object.entries(ledger).sort(([a], [b]) => a.localeCompare(b, 'en')));
}

/** The ledger as written to disk: two-space JSON with a final newline, like the locale files. */
export function serialiseLedger(ledger: Ledger): string {
  return `${JSON.stringify(sortLedger(ledger), null, 2)}\n`;
}
