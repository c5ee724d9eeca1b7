import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Physical directions break right-to-left locales; the logical equivalents mirror by themselves.
const PHYSICAL = [
  /\b(margin|padding|border)-(left|right)\b/,
  /\b(border)-(top|bottom)-(left|right)-radius\b/,
  /(^|[\s{;])(left|right)\s*:/,
  /\b(float|clear|text-align)\s*:\s*(left|right)\b/,
  /\bscroll-(margin|padding)-(left|right)\b/,
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : /\.(css|astro|tsx)$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/** The CSS in a file: all of a .css file, the <style> blocks and style attributes of components. */
function cssOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.css')) return text;
  const blocks = [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  const attrs = [...text.matchAll(/style=["{]([^"}]*)["}]/g)].map((m) => m[1]);
  return [...blocks, ...attrs].join('\n');
}

describe('CSS uses logical properties only', () => {
  const sources = files('src');

  it('finds the stylesheets it checks', () => {
    expect(sources.some((f) => f.endsWith('global.css'))).toBe(true);
  });

  it.each(sources)('%s', (path) => {
    const lines = cssOf(path).split('\n');
    const offending = lines.filter((line) => PHYSICAL.some((re) => re.test(line)));
    expect(offending).toEqual([]);
  });

  it('the check itself rejects physical properties', () => {
    for (const bad of ['margin-left: 1rem;', 'a { right: 0 }', 'text-align: left;', 'padding-right:0']) {
      expect(PHYSICAL.some((re) => re.test(bad)), bad).toBe(true);
    }
    for (const good of ['margin-inline-start: 1rem;', 'inset-inline-end: 0;', 'text-align: start;']) {
      expect(PHYSICAL.some((re) => re.test(good)), good).toBe(false);
    }
  });
});
