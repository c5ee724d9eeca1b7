import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AstroIntegration } from 'astro';
import subsetFont from 'subset-font';
import { localeConfig, localeIds, type FontScript } from '../i18n/locales';

const require = createRequire(import.meta.url);
const OUT_DIR = new URL('../styles/fonts/generated/', import.meta.url);

const fonts: Record<FontScript, string> = {
  arabic: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-{weight}-normal.woff2',
  ethiopic: '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-{weight}-normal.woff2',
};

/**
 * Every page lists all twelve languages in their own script (the switcher, the
 * chooser at /). A Swedish page must not download 125 KB of Arabic and Ethiopic
 * fonts for a dozen words, and must not show empty boxes on a phone without them
 * either: so the names, taglines and "choose language" prompts are cut out of
 * the Noto fonts into subsets of a few KB.
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

export function languageNamesFont(): AstroIntegration {
  return {
    name: 'language-names-font',
    hooks: {
      'astro:config:setup': async ({ logger }) => {
        await mkdir(OUT_DIR, { recursive: true });
        for (const [script, pattern] of Object.entries(fonts) as [FontScript, string][]) {
          const text = await namesText(script);
          for (const weight of [400, 700]) {
            const source = await readFile(require.resolve(pattern.replace('{weight}', String(weight))));
            const subset = await subsetFont(source, text, { targetFormat: 'woff2' });
            await writeIfChanged(new URL(`language-names-${script}-${weight}.woff2`, OUT_DIR), subset);
          }
        }
        logger.info('language-name font subsets written');
      },
    },
  };
}
