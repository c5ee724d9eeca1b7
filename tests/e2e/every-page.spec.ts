import { expect, test as base, type Page } from '@playwright/test';
import { hreflangLocales, localeConfig } from '../../src/i18n/locales';
import { axeViolations } from './axe';
import { builtPages, notFoundPages, type SitePage } from './site-pages';

/**
 * One tab per worker for the whole sweep: the pages are static and share no state worth
 * isolating, and a fresh browser context per page cost more than loading the page itself.
 */
const test = base.extend<object, { tab: Page }>({
  tab: [
    async ({ browser }, use, workerInfo) => {
      const { baseURL } = workerInfo.project.use;
      const context = await browser.newContext(baseURL ? { baseURL } : {});
      await use(await context.newPage());
      await context.close();
    },
    { scope: 'worker' },
  ],
});

test('the build has the pages of every locale', () => {
  // 12 locales × (home, 7 long-form pages, how we assess, translation status, 2 overviews, 18 services, 7 groups, 7 job centres) and the chooser.
  expect(builtPages.length).toBeGreaterThanOrEqual(12 * 44 + 1);
});

/**
 * hreflang alternates and a switcher that keeps the page. That every one of
 * those links answers is checked over the whole build by tests/build/links.test.ts.
 */
async function expectAlternates(tab: Page, page: SitePage) {
  const slug = page.path.split('/').slice(2).join('/');
  const alternates = await tab.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
    links.map((l) => [l.getAttribute('hreflang'), new URL(l.getAttribute('href')!).pathname]),
  );
  expect(alternates).toEqual([
    ...hreflangLocales.map((id) => [localeConfig(id).lang, `/${id}/${slug}`]),
    ['x-default', slug ? `/sv/${slug}` : '/'],
  ]);
  const switcher = await tab.locator('.lang-switcher a').evaluateAll((links) => links.map((l) => l.getAttribute('href')!));
  expect(switcher).toHaveLength(12);
  for (const href of switcher) expect(href.split('/').slice(2).join('/')).toBe(slug);
  // The chooser at / has the Swedish frame.
  const current = page.locale ? page.path : '/sv/';
  await expect(tab.locator(`.lang-switcher a[href="${current}"]`)).toHaveAttribute('aria-current', 'true');
}

for (const page of [...builtPages, ...notFoundPages]) {
  const notFound = notFoundPages.includes(page);
  test(`${page.path}: zero axe violations, right lang and dir${notFound ? '' : ', hreflang and switcher'}`, async ({ tab }) => {
    const response = await tab.goto(page.path);
    expect(response?.status()).toBe(notFound ? 404 : 200);

    const html = tab.locator('html');
    const expected = page.locale ? localeConfig(page.locale) : localeConfig('sv');
    await expect(html).toHaveAttribute('lang', expected.lang);
    await expect(html).toHaveAttribute('dir', expected.dir);

    expect(await axeViolations(tab)).toEqual([]);
    if (!notFound) await expectAlternates(tab, page);
  });
}
