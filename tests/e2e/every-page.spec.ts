import { expect, test } from '@playwright/test';
import { hreflangLocales, localeConfig } from '../../src/i18n/locales';
import { axeViolations } from './axe';
import { builtPages, notFoundPages } from './site-pages';

test('the build has the pages of every locale', () => {
  // 12 homes, 12 × 2 long-form pages and the chooser at least.
  expect(builtPages.length).toBeGreaterThanOrEqual(37);
});

for (const page of [...builtPages, ...notFoundPages]) {
  test(`${page.path}: zero axe violations, right lang and dir`, async ({ page: tab }) => {
    const response = await tab.goto(page.path);
    expect(response?.status()).toBe(notFoundPages.includes(page) ? 404 : 200);

    const html = tab.locator('html');
    const expected = page.locale ? localeConfig(page.locale) : localeConfig('sv');
    await expect(html).toHaveAttribute('lang', expected.lang);
    await expect(html).toHaveAttribute('dir', expected.dir);

    expect(await axeViolations(tab)).toEqual([]);
  });
}

// The chooser at / has the Swedish frame; it is checked like the Swedish home.
for (const page of builtPages) {
  test(`${page.path}: hreflang alternates and a switcher that keeps the page`, async ({ page: tab, request }) => {
    await tab.goto(page.path);
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
    for (const href of switcher) {
      expect(href.split('/').slice(2).join('/')).toBe(slug);
      expect((await request.get(href)).status(), href).toBe(200);
    }
    const current = page.locale ? page.path : '/sv/';
    await expect(tab.locator(`.lang-switcher a[href="${current}"]`)).toHaveAttribute('aria-current', 'true');
  });
}
