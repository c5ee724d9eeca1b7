/** Where each text collection's pages live under /{locale}/. */
export const collectionPaths = { services: 'insatser/', groups: 'insatser/for/', locations: 'jobbtorg/', pages: '' } as const;

/** Markdown body as plain text: what a reader sees, for the index and snippets. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*[-*]\s+/gm, '')
    .replace(/[*_`>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
