import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { axeOf } from './axe';
import { chooseRadio, lastingTime, pressButton, tabTo } from './keyboard';

// One journey per mode, axe on every state: longer than one page's test.
test.describe.configure({ timeout: 120_000 });

const strings = (locale: string) => JSON.parse(readFileSync(`locales/${locale}/booking.json`, 'utf8')) as Record<string, string>;

// Centres and meetings no other e2e test books, so the times on offer are this test's own.
const cases = [
  { locale: 'sv', js: false, place: 'kista' },
  { locale: 'ar', js: true, place: 'vallingby' },
];

for (const { locale, js, place } of cases) {
  test.describe(`reschedule, ${locale}, JavaScript ${js ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: js });

    test('changes the time from the confirmation by keyboard alone; a time taken meanwhile offers the nearest', async ({ page, request }) => {
      const s = strings(locale);
      const scan: string[] = [];
      const { slots } = (await (await request.get(`/api/slots?location=${place}&type=guidance`)).json()) as { slots: { id: string; start: string; remaining: number }[] };
      const first = slots.find((x) => x.remaining > 0 && Date.parse(x.start) > Date.now() + 25 * 3_600_000)!;
      const made = await request.post('/api/bookings', { data: { slotId: first.id, name: 'Flyttare', email: 'flytta@example.se', language: locale, consent: true } });
      expect(made.status()).toBe(201);
      const { confirmationUrl, reference } = (await made.json()) as { confirmationUrl: string; reference: string };

      await page.goto(confirmationUrl);
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      const before = await page.locator('.facts').innerText();
      scan.push(...(await axeOf(page, js)));
      await tabTo(page, page.getByRole('link', { name: s['done.move']!, exact: true }));
      await Promise.all([page.waitForURL(/\/boka\/flytta\//), page.keyboard.press('Enter')]);
      await expect(page.getByRole('heading', { level: 1, name: s['move.title']! })).toBeVisible();
      await expect(page.locator(`input[name="tid"][value="${first.id}"]`)).toHaveCount(0);
      scan.push(...(await axeOf(page, js)));

      // No time chosen: the error summary takes focus.
      await pressButton(page, s['move.confirm']!, true);
      await expect(page.locator('.error-summary')).toBeFocused();
      await expect(page.locator('.error-summary')).toContainText(s['error.time.required']!);
      scan.push(...(await axeOf(page, js)));

      // Someone else books the last time on the page while the resident chooses it.
      const radios = page.locator('input[name="tid"]');
      const wanted = await radios.nth((await radios.count()) - 1).getAttribute('value');
      await chooseRadio(page, 'tid', wanted!);
      const other = await request.post('/api/bookings', { data: { slotId: wanted, name: 'Hinner före', phone: '070-123 45 67', language: 'sv', consent: true } });
      expect(other.status()).toBe(201);
      await pressButton(page, s['move.confirm']!, true);
      await expect(page.locator('.error-summary')).toBeFocused();
      await expect(page.getByRole('group', { name: s['time.nearest']! })).toBeVisible();
      await expect(page.locator(`input[name="tid"][value="${wanted}"]`)).toHaveCount(0);
      scan.push(...(await axeOf(page, js)));

      const chosen = await lastingTime(page, request);
      await chooseRadio(page, 'tid', chosen);
      await pressButton(page, s['move.confirm']!, true);
      await expect(page).toHaveURL(new RegExp(`/${locale}/boka/bekraftelse/\\?ref=${reference}&token=[\\w-]+&flyttad=1$`));
      await expect(page.getByRole('heading', { level: 1, name: s['done.moved']! })).toBeVisible();
      expect(await page.locator('.facts').innerText()).not.toBe(before);
      scan.push(...(await axeOf(page, js)));
      // The old seat is free again.
      const after = (await (await request.get(`/api/slots?location=${place}&type=guidance`)).json()) as { slots: { id: string; remaining: number }[] };
      expect(after.slots.find((x) => x.id === first.id)?.remaining).toBeGreaterThan(0);

      // A wrong link, and a cancelled booking, say so.
      await page.goto(`/${locale}/boka/flytta/?ref=${reference}&token=wrong`);
      await expect(page.getByRole('heading', { level: 1, name: s['notFound.title']! })).toBeVisible();
      scan.push(...(await axeOf(page, js)));
      const token = new URL(confirmationUrl, 'http://x').searchParams.get('token')!;
      expect((await request.post(`/api/bookings/${reference}/cancel`, { data: { token } })).status()).toBe(200);
      await page.goto(`/${locale}/boka/flytta/?ref=${reference}&token=${token}`);
      await expect(page.getByText(s['move.cancelled']!)).toBeVisible();
      await expect(page.getByRole('link', { name: s['cancel.bookAgain']! })).toBeVisible();
      scan.push(...(await axeOf(page, js)));
      expect(scan).toEqual([]);
    });
  });
}
