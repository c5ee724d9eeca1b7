import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatClock, formatDate, formatDay, formatList } from '../i18n/format';
import { localeConfig, localeIds, type FontScript, type Locale } from '../i18n/locales';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Letters a reader may type into the booking form or the search box, shown back on the check-your-answers
 * page or as the query, even where the site's own text never uses them. Arabic script joins letters
 * into words: a letter missing from the subset would be drawn from another font in the middle of a
 * word. So every letter of the Arabic, Persian and Dari alphabets, their vowel marks, both sets of
 * digits, their punctuation and the zero-width (non-)joiner stay in. Ethiopic does not join, and its
 * syllabary is as large as the whole font: only the site's own text.
 */
const arabicRanges: [number, number][] = [
  [0x0621, 0x063a], // hamza … ghain
  [0x0640, 0x0655], // tatweel, fa … yeh, harakat, maddah and hamza above and below
  [0x0660, 0x066c], // Arabic-Indic digits, percent and separators
  [0x06f0, 0x06f9], // Persian digits
];
const TYPED: Record<FontScript, string> = {
  arabic: arabicRanges
    .flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)))
    .concat(['پ', 'چ', 'ژ', 'ک', 'گ', 'ی', 'ۀ', 'ٰ', '،', '؛', '؟', '\u200c', '\u200d'])
    .join(''),
  ethiopic: '',
};

async function textFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? textFilesUnder(join(dir, e.name)) : [join(dir, e.name)])));
  return nested.flat().filter((f) => /\.(json|md)$/.test(f));
}

/** What the pages write with Intl rather than from a file: dates, weekdays, times, lists, in the locale's own digits. */
function formatted(locale: Locale): string {
  const months = Array.from({ length: 12 }, (_, m) => formatDate(locale, new Date(Date.UTC(2026, m, 28, 12))));
  const days = Array.from({ length: 7 }, (_, d) => formatDay(locale, `2026-06-${String(d + 10).padStart(2, '0')}`));
  const clocks = ['01:23', '04:56', '07:08', '09:30'].map((t) => formatClock(locale, t));
  return [...months, ...days, ...clocks, formatList(locale, ['1', '2', '3'])].join(' ');
}

/**
 * Every character the site can show in a script's font: all text the city maintains (locales/ and
 * content/, every locale, as pages quote other languages' names and terms), the language names, what
 * Intl writes for the locales that use the font, and what readers may type. The font subset keeps
 * exactly these; tests/build/fonts.test.ts checks that the built pages use nothing more.
 */
export async function siteText(script: FontScript): Promise<string> {
  const files = [...(await textFilesUnder(join(root, 'locales'))), ...(await textFilesUnder(join(root, 'content')))];
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  const users = localeIds.filter((id) => localeConfig(id).font === script);
  const labels = localeIds.map((id) => localeConfig(id).label);
  return [...new Set([...texts, ...labels, ...users.map(formatted), TYPED[script]].join(''))].sort().join('');
}
