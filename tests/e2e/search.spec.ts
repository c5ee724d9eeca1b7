import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { sfiGuideWord as sfiWord } from '../content';
import { axeViolations } from './axe';

const strings = (locale: string) => JSON.parse(readFileSync(`locales/${locale}/search.json`, 'utf8')) as Record<string, string>;

test('sv: the header search finds a page by an inflected word, by keyboard, and announces the count', async ({ page }) => {
  const s = strings('sv');
  await page.goto('/sv/');
  const box = page.locator('.site-search input[type="search"]');
  await box.focus();
  await page.keyboard.type('praktiken');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sv\/sok\/\?q=praktiken$/);
  const results = page.locator('.search-results li');
  await expect(results.first()).toBeVisible();
  await expect(page.locator('.search-results a[href="/sv/insatser/praktik/"]')).toBeVisible();
  await expect(page.locator('.search-status[role="status"]')).toContainText(/\d+ träff/);
  await expect(page.locator('.search-results mark').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // A query that finds nothing says so, and the page is still accessible.
  await page.locator('#search-q').fill('xyzzyq');
  await page.keyboard.press('Enter');
  await expect(page.locator('.search-status')).toHaveText(s['noResults']!.replace('{{query}}', 'xyzzyq'));
  expect(await axeViolations(page)).toEqual([]);
});

for (const locale of ['ar', 'ti']) {
  test(`${locale}: a word from the SFI guide finds it, right to left where the language is`, async ({ page }) => {
    const { word, title } = sfiWord(locale);
    await page.goto(`/${locale}/sok/?q=${encodeURIComponent(word)}`);
    await expect(page.locator(`.search-results a[href="/${locale}/sfi/"]`)).toHaveText(title);
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('without JavaScript the search page lists every page from A to Ö', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/sv/sok/?q=praktik');
  await expect(page.getByRole('heading', { name: strings('sv')['indexHeading']! })).toBeVisible();
  await expect(page.locator('.a-z a[href="/sv/insatser/praktik/"]')).toBeVisible();
  await expect(page.locator('.a-z a')).toHaveCount(await page.locator('.a-z li').count());
  await context.close();
});

test('content pages load no search JavaScript', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script' || r.url().includes('/search/')) scripts.push(r.url());
  });
  await page.goto('/sv/insatser/praktik/');
  await page.waitForLoadState('networkidle');
  expect(scripts).toEqual([]);
});
