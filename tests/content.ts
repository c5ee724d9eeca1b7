import { readFileSync } from 'node:fs';

/**
 * A locale's SFI guide title and its longest word: a word a resident of that
 * language would type to find the guide. Read from the content, not written here.
 */
export function sfiGuideWord(locale: string): { title: string; word: string } {
  const file = readFileSync(new URL(`../content/pages/${locale}/sfi.md`, import.meta.url), 'utf8');
  const title = /^title:\s*"?(.*?)"?$/m.exec(file)![1]!;
  const word = title.split(/[\s–—\-:()«»,]+/).sort((a, b) => b.length - a.length)[0]!;
  return { title, word };
}
