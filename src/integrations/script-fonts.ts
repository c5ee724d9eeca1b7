import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AstroIntegration } from 'astro';
import subsetFont from 'subset-font';
import { localeConfig, localeIds, type FontScript } from '../i18n/locales';
import { siteText } from './font-text';

const require = createRequire(import.meta.url);
const OUT_DIR = new URL('../styles/fonts/generated/', import.meta.url);

/** The whole Noto font of each script (Fontsource's script subset), which the subsets are cut from. */
export const sourceFonts: Record<FontScript, string> = {
  arabic: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-{weight}-normal.woff2',
  ethiopic: '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-{weight}-normal.woff2',
};
export const WEIGHTS = [400, 700] as const;

/**
 * Every page lists all twelve languages in their own script (the switcher, the chooser at /): their
 * names, taglines and "choose language" prompts, cut into subsets of a few KB so that a Swedish page
 * does not download Arabic and Ethiopic fonts for a dozen words, nor shows empty boxes without them.
 */
async function namesText(script: FontScript): Promise<string> {
  const parts: string[] = [];
  for (const id of localeIds.filter((l) => localeConfig(l).font === script)) {
    const strings = JSON.parse(await readFile(new URL(`../../locales/${id}/common.json`, import.meta.url), 'utf8'));
    parts.push(localeConfig(id).label, strings['site.tagline'], strings['languageSwitcher.label']);
  }
  return parts.join(' ');
}

async function writeIfChanged(url: URL, data: Uint8Array) {
  const old = await readFile(url).catch(() => undefined);
  if (!old || !Buffer.from(data).equals(old)) await writeFile(url, data);
}

/**
 * The fonts of the scripts phones often lack, cut to the site's own text before Vite sees them, so
 * each subset gets a hash of its own content: a change of text is a new file name, never a stale
 * font in a year-long cache. subset-font keeps every OpenType layout feature (joining forms, marks,
 * ligatures), and the glyphs they reach from the kept characters.
 */
export function scriptFonts(): AstroIntegration {
  return {
    name: 'script-fonts',
    hooks: {
      'astro:config:setup': async ({ logger }) => {
        await mkdir(OUT_DIR, { recursive: true });
        for (const [script, pattern] of Object.entries(sourceFonts) as [FontScript, string][]) {
          const [names, site] = await Promise.all([namesText(script), siteText(script)]);
          for (const weight of WEIGHTS) {
            const source = await readFile(require.resolve(pattern.replace('{weight}', String(weight))));
            const [namesSubset, siteSubset] = await Promise.all([
              subsetFont(source, names, { targetFormat: 'woff2' }),
              subsetFont(source, site, { targetFormat: 'woff2' }),
            ]);
            await writeIfChanged(new URL(`language-names-${script}-${weight}.woff2`, OUT_DIR), namesSubset);
            await writeIfChanged(new URL(`noto-sans-${script}-${weight}.woff2`, OUT_DIR), siteSubset);
            logger.info(`${script} ${weight}: ${Math.round(source.length / 1024)} KB cut to ${Math.round(siteSubset.length / 1024)} KB for the site's text`);
          }
        }
      },
    },
  };
}
