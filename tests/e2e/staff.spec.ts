import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { TOTP } from 'otpauth';
import { E2E_DATA_DIR } from '../../playwright.config';
import { linkIn, staffCommand } from '../staff-client';
import { axeViolations } from './axe';

/**
 * The staff workspace in Chromium: one journey per role, axe on every page
 * and state along the way, and the day view by keyboard alone.
 */
const env = { DATA_DIR: E2E_DATA_DIR };
test.use({ locale: 'sv-SE' });
const PASSWORD = 'a long enough passphrase';

async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 60; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the element with Tab');
}

async function noViolations(page: Page, state: string) {
  expect(await axeViolations(page), state).toEqual([]);
}

/**
 * A resident's booking at Kista through the public API: its date and reference. Never the
 * earliest times the booking tests take: the third free guidance time a day ahead (a few days
 * away, to step to by keyboard), or the month's last intro time.
 */
async function residentBooking(page: Page, type: 'guidance' | 'intro') {
  const today = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const listed = (await (await page.request.get(`/api/slots?location=kista&type=${type}&from=${today}&to=${to}`)).json()) as { slots: { id: string; start: string; remaining: number }[] };
  // Free ones only: a run repeated on one database (--repeat-each) finds its own earlier booking there.
  const slots = listed.slots.filter((s) => s.remaining > 0);
  const slot = type === 'guidance' ? slots.filter((s) => Date.parse(s.start) > Date.now() + 26 * 3_600_000)[2]! : slots.at(-1)!;
  const name = `Besökare ${randomUUID().slice(0, 6)}`;
  const res = await page.request.post('/api/bookings', {
    data: { slotId: slot.id, name, phone: '070-111 22 33', language: 'so', interpreter: true, interpreterLanguage: 'somaliska', needs: 'Kommer med en vän', consent: true, website: '' },
  });
  expect(res.status()).toBe(201);
  return { date: slot.start.slice(0, 10), reference: ((await res.json()) as { reference: string }).reference, name };
}

test('a caseworker sets up TOTP, signs in, and reads the day by keyboard alone; every page passes axe', async ({ page }) => {
  test.setTimeout(180_000);
  const booked = await residentBooking(page, 'guidance');
  const email = `handlaggare-${randomUUID().slice(0, 6)}@stad.example`;
  const made = await staffCommand(['add', email, '--role', 'caseworker', '--centre', 'kista'], env);
  const link = new URL(linkIn(made.out));

  // Set-up: the secret is shown as text, for keyboard and screen-reader users.
  await page.goto(link.pathname + link.search);
  await noViolations(page, 'set-up');
  const secret = (await page.locator('[data-secret]').getAttribute('data-secret'))!;
  const code = (steps: number) => new TOTP({ secret }).generate({ timestamp: Date.now() + steps * 30_000 });
  await page.getByLabel('Nytt lösenord').fill('short');
  await page.getByRole('button', { name: 'Spara och logga in' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await noViolations(page, 'set-up with errors');
  await page.getByLabel('Nytt lösenord').fill(PASSWORD);
  await page.getByLabel('Skriv lösenordet igen').fill(PASSWORD);
  await page.getByLabel('Engångskod från appen').fill(code(0));
  await page.getByRole('button', { name: 'Spara och logga in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jobbtorg Kista');
  await noViolations(page, 'day view');

  // Sign out, then sign in with password and a fresh code.
  await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logga in');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill('wrong password');
  await page.getByLabel('Engångskod').fill(code(1));
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await noViolations(page, 'sign-in refused');
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByLabel('Engångskod').fill(code(1));
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jobbtorg Kista');

  // Keyboard alone: "Nästa dag" until the booking's day, then its reference.
  for (let day = 0; day < 14 && !page.url().includes(`datum=${booked.date}`); day += 1) {
    await tabTo(page, page.getByRole('link', { name: 'Nästa dag' }));
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  }
  await expect(page).toHaveURL(new RegExp(`datum=${booked.date}`));
  const row = page.getByRole('row').filter({ hasText: booked.name });
  await expect(row).toContainText('somaliska');
  await expect(row).toContainText('Kommer med en vän');
  await noViolations(page, 'day with bookings');
  await tabTo(page, page.getByRole('link', { name: booked.reference }));
  await Promise.all([page.waitForURL(/\/personal\/bokning\//), page.keyboard.press('Enter')]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bokning ${booked.reference}`);
  await noViolations(page, 'booking detail');

  // The timeout warning as a dialog, its button extends the session.
  await page.evaluate(() => document.querySelector('dialog')?.showModal());
  await noViolations(page, 'timeout warning');
  await page.getByRole('button', { name: 'Fortsätt vara inloggad' }).last().click();
  await expect(page.locator('dialog')).not.toBeVisible();

  for (const [path, state] of [
    [`/personal/dag/?plats=kista&datum=${booked.date}&utskrift=1`, 'print layout'],
    ['/personal/sok/', 'search'],
    ['/personal/session/', 'session'],
    ['/personal/dag/?plats=vallingby', 'forbidden'],
  ] as const) {
    await page.goto(path);
    await noViolations(page, state);
  }
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access');
  await noViolations(page, 'forbidden, English');
});

test('an admin finds a booking by phone, makes an integration key, reads the audit trail, gives a resident their copy and erases their details; every page passes axe', async ({ page }) => {
  test.setTimeout(180_000);
  const booked = await residentBooking(page, 'intro');
  const email = `admin-${randomUUID().slice(0, 6)}@stad.example`;
  const made = await staffCommand(['add', email, '--role', 'admin'], env);
  const link = new URL(linkIn(made.out));
  await page.goto(link.pathname + link.search);
  const secret = (await page.locator('[data-secret]').getAttribute('data-secret'))!;
  await page.getByLabel('Nytt lösenord').fill(PASSWORD);
  await page.getByLabel('Skriv lösenordet igen').fill(PASSWORD);
  await page.getByLabel('Engångskod från appen').fill(new TOTP({ secret }).generate());
  await page.getByRole('button', { name: 'Spara och logga in' }).click();

  await page.goto('/personal/sok/');
  await page.getByLabel('E-postadress eller telefonnummer', { exact: true }).fill('070-111 22 33');
  await page.getByRole('button', { name: 'Sök: E-postadress eller telefonnummer' }).click();
  await expect(page.getByRole('link', { name: booked.reference })).toBeVisible();
  await noViolations(page, 'search results');
  await page.getByLabel('Referens', { exact: true }).fill('nonsense');
  await page.getByRole('button', { name: 'Sök: Referens' }).click();
  await noViolations(page, 'search error');

  await page.goto('/personal/nycklar/');
  await page.getByRole('button', { name: 'Skapa nyckel' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await noViolations(page, 'keys with errors');
  await page.getByLabel('Systemets namn').fill('Ärendesystemet');
  await page.getByLabel('Jobbtorg Kista').check();
  await page.getByRole('button', { name: 'Skapa nyckel' }).click();
  await expect(page.locator('[data-key]')).toHaveText(/^jtk_/);
  await noViolations(page, 'key created');

  await page.goto(`/personal/logg/?referens=${booked.reference}`);
  await expect(page.getByRole('row').filter({ hasText: 'Sökte på kontaktuppgift' })).toContainText(email);
  await noViolations(page, 'audit trail');

  // A resident's copy of their data, then the erasure of the booking's details after the question.
  await page.getByRole('link', { name: 'Registerutdrag' }).click();
  await noViolations(page, 'copy of data');
  await page.getByLabel('Referens', { exact: true }).fill('nonsense');
  await page.getByRole('button', { name: 'Ladda ner registerutdrag: Referens' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await noViolations(page, 'copy of data with an error');
  await page.getByLabel('Referens', { exact: true }).fill(booked.reference);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner registerutdrag: Referens' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^registerutdrag-\d{4}-\d{2}-\d{2}\.json$/);

  await page.goto(`/personal/bokning/${booked.reference}/`);
  await page.getByRole('link', { name: 'Radera personuppgifter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Radera personuppgifterna i ${booked.reference}?`);
  await noViolations(page, 'erasure question');
  await page.getByRole('button', { name: 'Radera personuppgifter' }).click();
  await expect(page.getByText('Personuppgifter raderade')).toBeVisible();
  await expect(page.getByText(booked.name)).toHaveCount(0);
  await noViolations(page, 'booking erased');
});
