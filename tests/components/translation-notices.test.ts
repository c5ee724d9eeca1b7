import AxeBuilder from '@axe-core/playwright';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import TranslationNotices from '../../src/components/content/TranslationNotices.astro';
import type { Locale } from '../../src/i18n/locales';
import { CLIENT_DIR } from '../dist';
import { launchOptions } from '../e2e/browser';

/**
 * The built site has no outdated translation to show (every translation is
 * stamped as made from the current Swedish), so this renders the real notice
 * component for one through Astro's container API and puts it into a real
 * built page in place of that page's notice, served with the built CSS and
 * fonts: the notice as a reader of that language would get it.
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ORIGIN = 'http://portal.test';
const TYPES: Record<string, string> = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(launchOptions());
});
afterAll(async () => browser?.close());

/** A built page of `locale` with the notices of a translation whose Swedish source changed. */
async function outdatedPage(locale: Locale, slug: string, reviewed = false): Promise<{ page: Page; close: () => Promise<void> }> {
  const container = await AstroContainer.create();
  const notices = await container.renderToString(TranslationNotices, { props: { locale, slug, outdated: true, reviewed } });
  const context = await browser.newContext();
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    const file = join(CLIENT_DIR, path.endsWith('/') ? `${path}index.html` : path);
    if (!existsSync(file) || !statSync(file).isFile()) return route.fulfill({ status: 404 });
    return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
  });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/${locale}/${slug}/`);
  const replaced = await page.evaluate((html) => {
    const built = document.querySelectorAll('[data-translation-status]');
    built.forEach((el, i) => (i === 0 ? (el.outerHTML = html) : el.remove()));
    return built.length;
  }, notices);
  expect(replaced, 'the built page has a translation notice to replace').toBe(1);
  await page.evaluate(() => document.fonts.ready);
  return { page, close: () => context.close() };
}

describe('an outdated translation on a built page', () => {
  it('says in Arabic that the Swedish changed and links the current Swedish, beside the not-reviewed notice', async () => {
    const { page, close } = await outdatedPage('ar', 'sfi');
    const outdated = page.locator('[data-translation-status="outdated"]');
    expect(await outdated.getAttribute('role')).toBe('note');
    expect(await outdated.textContent()).toContain('تغيّر النص السويدي بعد ترجمة هذه الصفحة');
    expect(await outdated.locator('a').getAttribute('href')).toBe('/sv/sfi/');
    expect((await outdated.locator('a').textContent())?.trim()).toBe('اقرأ النص السويدي الحالي');
    expect(await page.locator('[data-translation-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-translation-status')))).toEqual([
      'outdated',
      'unreviewed',
    ]);
    await close();
  });

  it.each([
    ['ar', 'sfi'],
    ['fa', 'insatser/jobbstart'],
  ] as const)('has zero axe violations on a right-to-left page (%s)', async (locale, slug) => {
    const { page, close } = await outdatedPage(locale, slug);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await close();
  });

  // axe-core (4.13 here) leaves text written wholly in Arabic script out of its colour-contrast
  // rule: a probe paragraph of Arabic words in #ddd on these pages is neither a pass nor a
  // violation, while the same colours with one Latin word fail. The notice's colours are the same
  // in every locale, so they are checked where axe does check them.
  it('has colours that axe checks and passes (en)', async () => {
    const { page, close } = await outdatedPage('en', 'sfi');
    const { violations, passes } = await new AxeBuilder({ page }).include('[data-translation-status="outdated"]').withRules(['color-contrast']).analyze();
    expect(violations).toEqual([]);
    expect(passes.find((p) => p.id === 'color-contrast')?.nodes.length).toBeGreaterThan(0);
    await close();
  });
});
