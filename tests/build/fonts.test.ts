import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { convert } from 'fontverter';
import * as hb from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { localeConfig, localeIds, type FontScript } from '../../src/i18n/locales';
import { sourceFonts, WEIGHTS } from '../../src/integrations/script-fonts';
import { CLIENT_DIR, filesUnder } from '../dist';

const require = createRequire(import.meta.url);
const pages = filesUnder().filter((f) => f.endsWith('.html'));
const localeOf = (page: string) => relative(CLIENT_DIR, page).split('/')[0]!;

interface Loaded {
  font: hb.Font;
  unicodes: Set<number>;
  features: string[];
}

// One at a time: fontverter's woff2 decoder gives garbage when two conversions overlap.
async function load(woff2: Uint8Array): Promise<Loaded> {
  const face = new hb.Face(new hb.Blob(await convert(woff2, 'truetype')));
  const features = [...new Set([...face.getTableFeatureTags('GSUB'), ...face.getTableFeatureTags('GPOS')])].sort();
  return { font: new hb.Font(face), unicodes: new Set(face.collectUnicodes()), features };
}

const full = (script: FontScript, weight: number) => load(readFileSync(require.resolve(sourceFonts[script].replace('{weight}', String(weight)))));
const subset = (script: FontScript, weight: number) => {
  const name = readdirSync(join(CLIENT_DIR, '_astro')).find((f) => f.startsWith(`noto-sans-${script}-${weight}.`) && f.endsWith('.woff2'));
  expect(name, `${script} ${weight} in the build`).toBeDefined();
  return load(readFileSync(join(CLIENT_DIR, '_astro', name!)));
};

/** The text a page shows, markup and scripts removed. */
const textOf = (page: string) =>
  readFileSync(page, 'utf8')
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '\n')
    .replace(/<[^>]+>/g, '\n')
    .replaceAll('&nbsp;', '\u00a0');

/** Runs of characters the script's font draws: what a browser hands to HarfBuzz with this font. */
const runsIn = (text: string, drawn: Set<number>) =>
  text
    .split('\n')
    .flatMap((line) => [...line].reduce<string[]>((runs, ch, i, all) => {
      const inside = drawn.has(ch.codePointAt(0)!);
      if (inside && (i === 0 || !drawn.has(all[i - 1]!.codePointAt(0)!))) runs.push(ch);
      else if (inside) runs[runs.length - 1] += ch;
      return runs;
    }, []))
    .map((r) => r.trim())
    .filter((r) => /\S{2}/u.test(r));

/** Each glyph as what is drawn (its outline, not its id, which subsetting renumbers) and where. */
function shape({ font }: Loaded, text: string, lang: string, rtl: boolean) {
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  buffer.setLanguage(lang);
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  hb.shape(font, buffer);
  const positions = buffer.getGlyphPositions();
  return buffer.getGlyphInfos().map((g, i) => ({ notdef: g.codepoint === 0, outline: font.glyphToPath(g.codepoint), cluster: g.cluster, ...positions[i] }));
}

const byScript = (script: FontScript) => localeIds.filter((id) => localeConfig(id).font === script);

describe.each(Object.keys(sourceFonts) as FontScript[])('the %s font cut to the site’s text', (script) => {
  it.each([...WEIGHTS])('weight %i keeps every character the built pages show, and every layout feature', async (weight) => {
    const whole = await full(script, weight);
    const cut = await subset(script, weight);
    // HarfBuzz drops a feature only when no kept glyph uses it (Ethiopic's combining marks, which the
    // site never writes); the joining forms and mark positioning Arabic needs must all be there.
    expect(whole.features).toEqual(expect.arrayContaining(cut.features));
    if (script === 'arabic') expect(cut.features).toEqual(expect.arrayContaining(['ccmp', 'init', 'medi', 'fina', 'rlig', 'liga', 'locl', 'mark', 'mkmk', 'kern']));
    // Any page can name another language in its own script: look at all of them.
    const shown = new Set(pages.flatMap((p) => [...textOf(p)].map((c) => c.codePointAt(0)!)).filter((c) => whole.unicodes.has(c)));
    expect(shown.size).toBeGreaterThan(40);
    const missing = [...shown].filter((c) => !cut.unicodes.has(c)).map((c) => String.fromCodePoint(c));
    expect(missing).toEqual([]);
    // And it is a cut: far fewer characters than the font it came from.
    expect(cut.unicodes.size).toBeLessThan(whole.unicodes.size / 2);
  });

  it.each(byScript(script).flatMap((locale) => WEIGHTS.map((weight) => ({ locale, weight }))))(
    '$locale text shapes to the same glyphs and positions as with the whole font (weight $weight)',
    async ({ locale, weight }) => {
      const whole = await full(script, weight);
    const cut = await subset(script, weight);
      const { lang, dir } = localeConfig(locale);
      const runs = [...new Set(pages.filter((p) => localeOf(p) === locale).flatMap((p) => runsIn(textOf(p), whole.unicodes)))];
      expect(runs.length).toBeGreaterThan(100);
      const differing = runs.filter((run) => JSON.stringify(shape(cut, run, lang, dir === 'rtl')) !== JSON.stringify(shape(whole, run, lang, dir === 'rtl')));
      expect(differing).toEqual([]);
      // The sample exercises shaping: no missing glyphs, and (in Arabic script) letters take joined forms.
      const sample = runs.flatMap((r) => shape(cut, r, lang, dir === 'rtl'));
      expect(sample.filter((g) => g.notdef)).toEqual([]);
      if (script === 'arabic') {
        const outlines = (text: string) => new Set(shape(cut, text, lang, true).map((g) => g.outline));
        // ب alone is one letter and its dot; three in a row take initial, medial and final forms.
        expect(outlines('ببب').size).toBeGreaterThan(outlines('ب').size + 1);
      }
    },
  );
});

describe('font loading', () => {
  it('pages preload both weights their font stylesheet names (one download each, found before layout), and only they', () => {
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      const preloads = [...html.matchAll(/<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin>/g)].map((m) => m[1]!);
      const locale = localeOf(page);
      const script = localeIds.includes(locale as never) ? localeConfig(locale as never).font : undefined;
      if (!script) {
        expect(preloads, page).toEqual([]);
        continue;
      }
      expect(preloads, page).toHaveLength(2);
      preloads.forEach((href, i) => expect(href).toMatch(new RegExp(`^/_astro/noto-sans-${script}-${WEIGHTS[i]}\\.[\\w-]+\\.woff2$`)));
      const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => readFileSync(join(CLIENT_DIR, m[1]!), 'utf8'));
      for (const href of preloads) expect(stylesheets.some((css) => css.includes(`url(${href})`)), `${page} ${href}`).toBe(true);
      expect(stylesheets.join('')).toMatch(/font-display:\s*swap/);
    }
  });
});
