/**
 * Text normalisation shared by the index (built in Node) and the query (in the
 * browser), so both sides turn a word into the same token.
 */

// Harakat, superscript alef and tatweel: readers type them inconsistently, or not at all.
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;

/** Arabic-script text with marks removed and letter variants (alef, yeh, kaf, heh) unified. */
export function normaliseArabicScript(word: string): string {
  return word
    .replace(ARABIC_MARKS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/[ىیئ]/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/ۀ/g, 'ه');
}

/** Swedish letters folded, so "sprakkurs" and "oppettider" find "språkkurs" and "öppettider". */
export function foldSwedish(word: string): string {
  return word.replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/é/g, 'e');
}

/** Strips anything but letters, marks and digits from a token's ends, in any script. */
export function trimToken(word: string): string {
  return word.replace(/^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, '');
}

/**
 * Word boundaries: white space, hyphens, dashes, Latin and Arabic punctuation,
 * and the Ethiopic wordspace (፡) and full stop (።) that Tigrinya uses.
 */
export const SEPARATOR = /[\s\-–—‐፡።፣፤፥፦,.;:!?()"«»“”„'’‘/،؛؟]+/;
