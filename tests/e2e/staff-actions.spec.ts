import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { TOTP } from 'otpauth';
import { E2E_DATA_DIR } from '../../playwright.config';
import { testDb } from '../api/staff-db';
import { linkIn, staffCommand } from '../staff-client';
import { axeViolations } from './axe';
import { chooseRadio, lastingTime, pressButton, tabTo } from './keyboard';

/**
 * Staff acting on bookings in Chromium, by keyboard alone once signed in:
 * booking for a caller (with its error state), moving (a time taken
 * meanwhile), cancelling with a reason, attendance and the overview; axe on
 * every state. Kungsholmen is this file's centre: no other journey books there.
 */
const env = { DATA_DIR: E2E_DATA_DIR };
test.use({ locale: 'sv-SE' });
const PASSWORD = 'a long enough passphrase';

async function noViolations(page: Page, state: string) {
  expect(await axeViolations(page), state).toEqual([]);
}

/** A caseworker at Kungsholmen (and the other centres named), set up through the one-time link and signed in. */
async function caseworker(page: Page, centres = 'kungsholmen') {
  const made = await staffCommand(['add', `kungsholmen-${randomUUID().slice(0, 6)}@stad.example`, '--role', 'caseworker', '--centre', centres], env);
  const link = new URL(linkIn(made.out));
  await page.goto(link.pathname + link.search);
  const secret = (await page.locator('[data-secret]').getAttribute('data-secret'))!;
  await page.getByLabel('Nytt lösenord').fill(PASSWORD);
  await page.getByLabel('Skriv lösenordet igen').fill(PASSWORD);
  await page.getByLabel('Engångskod från appen').fill(new TOTP({ secret }).generate());
  await page.getByRole('button', { name: 'Spara och logga in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kungsholmen');
}

/** Follows a link by keyboard: Tab to it, Enter, wait for the next page. */
async function follow(page: Page, name: string | RegExp) {
  await tabTo(page, page.getByRole('link', { name }).first());
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

/** Types into a field by keyboard. */
async function typeInto(page: Page, label: string, text: string) {
  const field = page.getByLabel(label, { exact: true });
  await tabTo(page, field);
  await page.keyboard.type(text);
}

test('a caseworker books for a caller, moves the booking past a time taken meanwhile, and cancels it with a reason; every state passes axe', async ({ page }) => {
  test.setTimeout(240_000);
  await caseworker(page);
  await page.goto('/personal/dag/?plats=kungsholmen');
  await follow(page, 'Boka åt en invånare');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Boka åt en invånare');
  await noViolations(page, 'book for a caller');

  // Sent without anything: the error summary takes focus and links each field.
  await pressButton(page, 'Boka', true);
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('Välj en tid');
  await expect(page.locator('.error-summary')).toContainText('Skriv invånarens namn');
  await noViolations(page, 'book for a caller, with errors');

  const time = await lastingTime(page, page.request);
  await chooseRadio(page, 'tid', time);
  await chooseRadio(page, 'channel', 'phone');
  await typeInto(page, 'Namn', 'Hodan Ali');
  await typeInto(page, 'E-postadress', 'hodan.ali@example.se');
  await tabTo(page, page.getByLabel('Skicka bekräftelse, påminnelse och ändringar med e-post'));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByLabel(/^Jag har berättat för invånaren/));
  await page.keyboard.press('Space');
  await pressButton(page, 'Boka', true);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/^Bokat: JT-[A-Z0-9]{6}$/);
  const reference = (await heading.textContent())!.replace('Bokat: ', '');
  await noViolations(page, 'booked for a caller');

  await follow(page, 'Öppna bokningen');
  await expect(page.locator('.history')).toContainText('åt invånaren (Telefon)');
  await noViolations(page, 'booking made by staff');

  // The move: a time someone books while the list is open is refused, with the list again.
  await follow(page, 'Flytta till en annan tid');
  await noViolations(page, 'move');
  // The last time offered: weeks away, so it stays bookable while the resident takes it.
  const wanted = await page.locator('input[name="tid"]').last().getAttribute('value');
  const meanwhile = await page.request.post('/api/bookings', { data: { slotId: wanted, name: 'Någon annan', phone: '070-222 33 44', language: 'sv', consent: true, website: '' } });
  expect(meanwhile.status()).toBe(201);
  await chooseRadio(page, 'tid', wanted!);
  await chooseRadio(page, 'channel', 'phone');
  await pressButton(page, 'Flytta mötet', true);
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('Tiden hann bli bokad av någon annan');
  await noViolations(page, 'move, time taken');
  await expect(page.locator(`input[name="tid"][value="${wanted}"]`)).toHaveCount(0);
  const other = await lastingTime(page, page.request);
  await chooseRadio(page, 'tid', other);
  await chooseRadio(page, 'channel', 'phone');
  await pressButton(page, 'Flytta mötet', true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bokning ${reference}`);
  await expect(page.locator('.history')).toContainText('Flyttad av');

  // The cancellation: "other" needs words; then it goes, and the words stay with staff.
  await follow(page, 'Avboka åt invånaren');
  await noViolations(page, 'cancel');
  await chooseRadio(page, 'reason', 'other');
  await chooseRadio(page, 'channel', 'phone');
  await pressButton(page, 'Avboka mötet', true);
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('Beskriv skälet');
  await noViolations(page, 'cancel, with errors');
  await typeInto(page, 'Beskriv skälet', 'Har fått jobb');
  await pressButton(page, 'Avboka mötet', true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bokning ${reference}`);
  await expect(page.locator('.history')).toContainText('(Telefon). Skäl: Annat skäl');
  await expect(page.locator('.history')).toContainText('Anteckning: Har fått jobb');
  await noViolations(page, 'cancelled by staff');
});

test('a caseworker records attendance from the day view and reads the overview, in Swedish and English; every state passes axe', async ({ page }) => {
  test.setTimeout(180_000);
  // A resident's booking whose meeting has started: its times moved an hour back behind the API's back.
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = (await (await page.request.get(`/api/slots?location=kungsholmen&type=guidance&to=${until}`)).json()) as { slots: { id: string; remaining: number }[] };
  const name = `Besökare ${randomUUID().slice(0, 6)}`;
  const slotId = slots.filter((s) => s.remaining > 0).at(-1)!.id;
  const made = await page.request.post('/api/bookings', { data: { slotId, name, phone: '070-111 22 33', language: 'sv', consent: true, website: '' } });
  expect(made.status()).toBe(201);
  const { reference } = (await made.json()) as { reference: string };
  const start = new Date(Date.now() - 3_600_000);
  const db = testDb(env);
  await db.query('update bookings set starts_at = ?, ends_at = ? where reference = ?', [start.toISOString(), new Date(start.getTime() + 3_600_000).toISOString(), reference]);
  await db.close();
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(start);

  await caseworker(page, 'kungsholmen,vallingby');
  await page.goto(`/personal/dag/?plats=kungsholmen&datum=${date}`);
  const select = page.getByLabel(`Närvaro för ${reference}`);
  await tabTo(page, select);
  // On a closed select, the arrow keys step through the options: "Kom" follows "Inte registrerad".
  await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue('attended');
  await tabTo(page, page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: 'Spara närvaro' }));
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await expect(page).toHaveURL(new RegExp(`#narvaro-${reference}$`));
  await expect(page.getByLabel(`Närvaro för ${reference}`)).toHaveValue('attended');
  await noViolations(page, 'attendance recorded');

  await follow(page, 'Översikt');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Översikt');
  await noViolations(page, 'overview');
  const period = page.getByLabel('Period', { exact: true });
  await tabTo(page, period);
  // End picks the last option: the earliest month offered.
  await page.keyboard.press('End');
  const month = await period.inputValue();
  expect(month).toMatch(/^\d{4}-\d{2}$/);
  await pressButton(page, 'Visa', true);
  await expect(page).toHaveURL(new RegExp(`period=${month}`));
  await noViolations(page, 'overview of a month');

  // Both of this caseworker's centres together: Home picks the first option, all of them.
  await tabTo(page, page.getByLabel('Jobbtorg', { exact: true }));
  await page.keyboard.press('Home');
  await pressButton(page, 'Visa', true);
  await expect(page).toHaveURL(/plats=alla/);
  await expect(page.getByRole('table', { name: /^Alla mina jobbtorg, / })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Per jobbtorg, / }).getByRole('rowheader')).toHaveText(['Jobbtorg Kungsholmen', 'Jobbtorg Vällingby']);
  await noViolations(page, 'overview of all my centres');

  await follow(page, 'English');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  // Still all of them, per meeting type and per centre.
  await expect(page.getByRole('columnheader', { name: 'Seats used' })).toHaveCount(2);
  await expect(page.getByRole('table', { name: /^By job centre, / })).toBeVisible();
  await noViolations(page, 'overview, English');
});
