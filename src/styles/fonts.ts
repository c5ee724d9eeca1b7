import type { FontScript } from '../i18n/locales';
import arabic from './fonts/arabic.css?url';
import ethiopic from './fonts/ethiopic.css?url';

/**
 * Font stylesheets by script, as URLs: a page links only the ones its locale
 * needs, which a static CSS import (bundled into every page of a route) cannot do.
 */
export const fontStylesheets: Record<FontScript, string> = { arabic, ethiopic };
