import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where the build writes what a static host or the node server serves. */
export const CLIENT_DIR = 'dist/client';

/** Every file under a folder of the build output, as paths relative to the repo. */
export function filesUnder(dir: string = CLIENT_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)],
  );
}

/**
 * Every byte of JavaScript a page makes the browser load, gzip: inline scripts,
 * the island's component and renderer, and every module they import, statically
 * or dynamically. Takes the page's HTML, so it works for pages rendered on request too.
 */
export function pageJavaScript(pageHtml: string): number {
  const inline = [...pageHtml.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('\n');
  const entries = [...pageHtml.matchAll(/(?:component-url|renderer-url|before-hydration-url)="([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (url: string) => {
    const file = join(CLIENT_DIR, url);
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, dep] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*["`](\.\/[^"`]+\.js)["`]/g)) visit(join(url, '..', dep!));
  };
  entries.filter(Boolean).forEach(visit);
  const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;
  return gz(inline) + [...seen].reduce((sum, f) => sum + gz(readFileSync(f)), 0);
}
