import { expect, test } from '@playwright/test';

test.describe('content pages', () => {
  test('the "for whom" filter is plain links that work by keyboard, without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto('/sv/insatser/');
    await expect(tab.getByRole('link', { name: 'Alla', exact: true })).toHaveAttribute('aria-current', 'page');
    const young = tab.locator('.group-filter a[href="/sv/insatser/for/unga-vuxna/"]');
    await young.focus();
    await tab.keyboard.press('Enter');
    await expect(tab).toHaveURL(/\/sv\/insatser\/for\/unga-vuxna\/$/);
    await expect(tab.locator('.group-filter a[aria-current="page"]')).toHaveAttribute('href', '/sv/insatser/for/unga-vuxna/');
    await expect(tab.locator('section[aria-labelledby="group-services"] a[href="/sv/insatser/mentorskap/"]')).toBeVisible();
    // Summer jobs are for young people of school age (001:101), not for 20–29-year-olds.
    await expect(tab.locator('section[aria-labelledby="group-services"] a[href="/sv/insatser/feriejobb/"]')).toHaveCount(0);
    await expect(tab.locator('section[aria-labelledby="group-services"] a[href="/sv/insatser/ips/"]')).toHaveCount(0);
    await context.close();
  });

  test('a translated Arabic service says it is translated and unreviewed, links the Swedish original, and isolates Swedish names', async ({ page }) => {
    await page.goto('/ar/insatser/sfi-med-praktik/');
    const notice = page.locator('.notice--translation');
    await expect(notice).toHaveAttribute('data-translation-status', 'unreviewed');
    await expect(notice.locator('a')).toHaveAttribute('href', '/sv/insatser/sfi-med-praktik/');
    await expect(page.locator('[data-fallback]')).toHaveCount(0);
    const body = page.locator('section[aria-labelledby="what-happens"] .prose');
    await expect(body).not.toHaveAttribute('lang', 'sv');
    await expect(body.locator('bdi', { hasText: 'SFI' }).first()).toBeAttached();
    await expect(page.locator('.breadcrumbs a').first()).toHaveAttribute('href', '/ar/');
  });

  test('a service page gives a next step: its door, with a link that works', async ({ page }) => {
    await page.goto('/en/insatser/supported-employment/');
    const door = page.locator('section[aria-labelledby="how-to"]');
    await expect(door).toContainText('district office');
    await expect(door.getByRole('link', { name: /Find your district office/ })).toHaveAttribute('href', /^https:\/\//);
    await expect(page.locator('#related-heading')).toHaveText('See also');
  });

  test('a job centre page marks its example configuration and writes hours in words', async ({ page }) => {
    await page.goto('/en/jobbtorg/kista/');
    await expect(page.getByText('are examples. The city will replace them')).toBeVisible();
    await expect(page.locator('.facts')).toContainText('Monday–Thursday 08:30–16:30');
    await expect(page.locator('.facts')).toContainText('Rinkeby-Kista and Spånga-Tensta');
    await expect(page.getByRole('heading', { name: 'Meetings you can book here' })).toBeVisible();
  });

  test('the home page links into the guides and the job centres', async ({ page }) => {
    await page.goto('/lattlast/');
    for (const slug of ['vagen-till-jobbtorg', 'jobbtorg-unga', 'sfi', 'vuxenutbildning', 'starta-eget', 'jobbtorg', 'insatser']) {
      await expect(page.locator(`main a[href="/lattlast/${slug}/"]`).first()).toBeVisible();
    }
  });
});
