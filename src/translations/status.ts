import type { LedgerEntry } from './ledger.ts';

/**
 * Where a text or string stands in a locale:
 * - `fallback`: not translated; the reader gets the Swedish text, marked as such;
 * - `outdated`: the Swedish source changed since the translation was made
 *   (or the ledger has no record of what it was made from);
 * - `reviewed`: up to date and signed off by a person;
 * - `unreviewed`: up to date, but no person has checked it.
 */
export type TranslationStatus = 'fallback' | 'outdated' | 'reviewed' | 'unreviewed';

export const statuses = ['outdated', 'unreviewed', 'reviewed', 'fallback'] as const satisfies readonly TranslationStatus[];

export interface StatusInput {
  /** Hash of the Swedish source as it is now. */
  source: string;
  /** Whether the locale has its own text for the unit. */
  translated: boolean;
  /** The text's own `reviewed: true` (content entries); UI strings have none. */
  reviewedFlag?: boolean;
  entry: LedgerEntry | undefined;
}

/** One rule for every unit, content or UI string: outdated wins over a review, a review needs a person. */
export function translationStatus({ source, translated, reviewedFlag = false, entry }: StatusInput): TranslationStatus {
  if (!translated) return 'fallback';
  if (entry?.source !== source) return 'outdated';
  return reviewedFlag || entry.reviewedBy ? 'reviewed' : 'unreviewed';
}

export type StatusCounts = Record<TranslationStatus, number> & { total: number; upToDate: number };

/** How many units have each status; `upToDate` is reviewed + unreviewed. */
export function countStatuses(list: readonly TranslationStatus[]): StatusCounts {
  const counts: StatusCounts = { total: list.length, upToDate: 0, outdated: 0, reviewed: 0, unreviewed: 0, fallback: 0 };
  for (const status of list) counts[status] += 1;
  counts.upToDate = counts.reviewed + counts.unreviewed;
  return counts;
}
