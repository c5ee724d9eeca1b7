import type { FontScript } from '../i18n/locales';
import arabic from './fonts/arabic.css?url';
import ethiopic from './fonts/ethiopic.css?url';
import arabicRegular from './fonts/generated/noto-sans-arabic-400.woff2?url';
import arabicBold from './fonts/generated/noto-sans-arabic-700.woff2?url';
import ethiopicRegular from './fonts/generated/noto-sans-ethiopic-400.woff2?url';
import ethiopicBold from './fonts/generated/noto-sans-ethiopic-700.woff2?url';

/**
 * Font stylesheets by script, as URLs: a page links only the ones its locale
 * needs, which a static CSS import (bundled into every page of a route) cannot do.
 */
export const fontStylesheets: Record<FontScript, string> = { arabic, ethiopic };

/**
 * Both weights of each script's font, preloaded by the pages that use it: every page has bold text
 * in its script (the h1), so both are fetched on every visit anyway. Preloaded, they arrive with the
 * stylesheets, so the first paint is usually in the font already; found only by layout, the bold
 * one came a round trip later and swapped in with a second layout of the whole page (Lighthouse's
 * speed index on ar and ti pages). (The same files the stylesheet names: Vite names an asset by
 * its content.)
 */
export const fontPreloads: Record<FontScript, readonly string[]> = { arabic: [arabicRegular, arabicBold], ethiopic: [ethiopicRegular, ethiopicBold] };
