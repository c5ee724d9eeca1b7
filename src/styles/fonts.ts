import type { FontScript } from '../i18n/locales';
import arabic from './fonts/arabic.css?url';
import ethiopic from './fonts/ethiopic.css?url';
import arabicRegular from './fonts/generated/noto-sans-arabic-400.woff2?url';
import ethiopicRegular from './fonts/generated/noto-sans-ethiopic-400.woff2?url';

/**
 * Font stylesheets by script, as URLs: a page links only the ones its locale
 * needs, which a static CSS import (bundled into every page of a route) cannot do.
 */
export const fontStylesheets: Record<FontScript, string> = { arabic, ethiopic };

/**
 * The regular weight of each script's font, preloaded by the pages that use it: it arrives with
 * the stylesheets, so the first paint is usually in the font already and nothing moves when it
 * swaps in. (The same file the stylesheet names: Vite names an asset by its content.)
 */
export const fontPreloads: Record<FontScript, string> = { arabic: arabicRegular, ethiopic: ethiopicRegular };
