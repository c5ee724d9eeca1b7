import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { localeConfig, localeIds } from '../../src/i18n/locales';
import { axeViolations } from './axe';

const strings = (locale: string) =>
  JSON.parse(readFileSync(`locales/${locale}/common.json`, 'utf8')) as Record<string, string>;

async function fontRequests(page: Page, path: string): Promise<string[]> {
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'font') fonts.push(r.url());
  });
  await page.goto(path);
  await page.evaluate(() => document.fonts.ready);
  return fonts;
}

test.describe('keyboard', () => {
  test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
    await page.goto('/sv/tillganglighet/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: strings('sv')['skipLink']! });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });

  test('focus is visible on every stop in the header', async ({ page }) => {
    await page.goto('/sv/');
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      const style = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement!);
        return { outline: s.outlineStyle, width: s.outlineWidth };
      });
      expect(style.outline).toBe('solid');
      expect(parseFloat(style.width)).toBeGreaterThanOrEqual(2);
    }
  });

  test('the language switcher works by keyboard alone and keeps the page', async ({ page }) => {
    await page.goto('/sv/tillganglighet/');
    const summary = page.locator('.lang-switcher summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    const arabic = page.locator('.lang-switcher a[hreflang="ar"]');
    await expect(arabic).toBeVisible();
    // Tab from the summary through Svenska, Lättläst svenska and English to العربية.
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
    await expect(arabic).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/ar\/tillganglighet\/$/);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('h1')).not.toHaveText(/Tillgänglighetsredogörelse/);
  });
});

test.describe('languages', () => {
  test('Swedish pages offer Lättläst for the same page; other languages do not', async ({ page }) => {
    await page.goto('/sv/personuppgifter/');
    await page.locator('.easy-read-link').click();
    await expect(page).toHaveURL(/\/lattlast\/personuppgifter\/$/);
    await page.goto('/en/personuppgifter/');
    await expect(page.locator('.easy-read-link')).toHaveCount(0);
  });

  test('the open language panel has zero axe violations, left-to-right and right-to-left', async ({ page }) => {
    for (const path of ['/sv/', '/ar/']) {
      await page.goto(path);
      await page.locator('.lang-switcher summary').click();
      expect(await axeViolations(page), path).toEqual([]);
    }
  });

  test('the chooser at / lists every language in its own name and leads to its home', async ({ page }) => {
    await page.goto('/');
    const links = page.locator('.chooser a');
    await expect(links).toHaveCount(localeIds.length);
    for (const id of localeIds) {
      const link = page.locator(`.chooser a[href="/${id}/"]`);
      await expect(link).toContainText(localeConfig(id).label);
      await expect(link).toHaveAttribute('lang', localeConfig(id).lang);
    }
    await page.locator('.chooser a[href="/ti/"]').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ti');
  });

  for (const locale of localeIds) {
    test(`an unknown address under /${locale}/ answers 404 in that language`, async ({ page }) => {
      const response = await page.goto(`/${locale}/det-har-finns-inte/`);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1')).toHaveText(strings(locale)['notFound.title']!);
      await expect(page.getByRole('link', { name: strings(locale)['notFound.home']!, exact: true })).toHaveAttribute('href', `/${locale}/`);
    });
  }
});

test.describe('fonts', () => {
  test('Arabic and Tigrinya pages render with the self-hosted Noto fonts', async ({ page }) => {
    for (const [path, family, sample] of [
      ['/ar/', 'Noto Sans Arabic', 'عمل'],
      ['/ti/', 'Noto Sans Ethiopic', 'ስራሕ'],
    ] as const) {
      const fonts = await fontRequests(page, path);
      expect(fonts.length, path).toBeGreaterThan(0);
      expect(fonts.every((url) => url.endsWith('.woff2')), path).toBe(true);
      expect(await page.evaluate(([f, s]) => document.fonts.check(`16px "${f}"`, s), [family, sample])).toBe(true);
    }
  });

  test('the chooser gets every script from a few KB of language-name subsets', async ({ page }) => {
    const fonts = await fontRequests(page, '/');
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((url) => url.includes('/language-names-')), fonts.join()).toBe(true);
  });

  test('a Swedish page fetches the language-name subsets only when the switcher opens', async ({ page }) => {
    expect(await fontRequests(page, '/sv/')).toEqual([]);
    const opened: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'font') opened.push(r.url());
    });
    await page.locator('.lang-switcher summary').click();
    await expect.poll(() => opened.filter((u) => u.includes('/language-names-ethiopic')).length).toBeGreaterThan(0);
  });

  test('Latin and Cyrillic pages download no fonts at all', async ({ page }) => {
    for (const path of ['/sv/', '/en/', '/uk/', '/so/']) expect(await fontRequests(page, path), path).toEqual([]);
  });
});

test.describe('layout', () => {
  for (const locale of ['sv', 'ar', 'ti', 'ku'] as const) {
    test(`/${locale}/ reflows at 320 px and at 200 % zoom without sideways scrolling`, async ({ page }) => {
      for (const viewport of [
        { width: 320, height: 640 },
        { width: 640, height: 400 }, // 1280 × 800 at 200 % zoom
      ]) {
        await page.setViewportSize(viewport);
        for (const path of [`/${locale}/`, `/${locale}/personuppgifter/`]) {
          await page.goto(path);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${path} at ${viewport.width}px`).toBeLessThanOrEqual(0);
        }
      }
    });
  }

  test('the open language panel stays on a 320 px screen in both directions', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/sv/', '/ar/', '/ku/']) {
      await page.goto(path);
      await page.locator('.lang-switcher summary').click();
      const box = (await page.locator('.lang-switcher__panel').boundingBox())!;
      expect(box.x, path).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, path).toBeLessThanOrEqual(320);
    }
  });

  test('header, menu, switcher and footer targets are at least 44 px tall', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/sv/');
    await page.locator('.lang-switcher summary').click();
    const targets = page.locator('.site-header a, .site-header summary, .site-footer a');
    const heights = await targets.evaluateAll((els) =>
      els.map((el) => [el.textContent?.trim(), el.getBoundingClientRect().height] as const),
    );
    expect(heights.length).toBeGreaterThan(15);
    for (const [name, height] of heights) expect(height, name).toBeGreaterThanOrEqual(44);
  });

  test('right-to-left pages mirror the header', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 800 });
    for (const [path, nameIsLeft] of [
      ['/sv/', true],
      ['/ar/', false],
    ] as const) {
      await page.goto(path);
      const name = await page.locator('.site-header__name').boundingBox();
      const switcher = await page.locator('.lang-switcher').boundingBox();
      expect(name!.x < switcher!.x, path).toBe(nameIsLeft);
    }
  });

  test('prints the content without menus and language tools', async ({ page }) => {
    await page.goto('/sv/tillganglighet/');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-nav')).toBeHidden();
    await expect(page.locator('.lang-switcher')).toBeHidden();
    await expect(page.locator('h1')).toBeVisible();
  });
});
