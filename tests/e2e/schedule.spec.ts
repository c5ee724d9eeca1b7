import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { TOTP } from 'otpauth';
import { E2E_DATA_DIR } from '../../playwright.config';
import { linkIn, staffCommand } from '../staff-client';
import { axeViolations } from './axe';
import { chooseRadio, pressButton, tabTo } from './keyboard';

/**
 * Schedule exceptions in Chromium, by keyboard alone once signed in: an admin
 * closes a day (the form, its errors, the confirmation with its count), finds
 * the booking on the needs-review list, and removes the closure again; axe on
 * every state, in Swedish and once in English.
 */
const env = { DATA_DIR: E2E_DATA_DIR };
test.use({ locale: 'sv-SE' });
const PASSWORD = 'a long enough passphrase';

async function noViolations(page: Page, state: string) {
  expect(await axeViolations(page), state).toEqual([]);
}

/** Picks a centre in the list by keyboard: arrow keys over a closed select change its value. */
async function chooseCentre(page: Page, value: string) {
  const select = page.getByLabel('Jobbtorg', { exact: true });
  await tabTo(page, select);
  for (let i = 0; i < 20 && (await select.inputValue()) !== value; i += 1) await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue(value);
}

test('an admin closes a day by keyboard, sees the affected booking on the needs-review list and reopens the day; every state passes axe', async ({ page }) => {
  test.setTimeout(180_000);
  // Vällingby's last intro day within the horizon: far from the earliest times the booking tests take.
  const today = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = (await (await page.request.get(`/api/slots?location=vallingby&type=intro&from=${today}&to=${to}`)).json()) as { slots: { id: string; start: string; remaining: number }[] };
  // A free one: a run repeated on one database (--repeat-each) finds its own earlier booking there.
  const slot = slots.filter((s) => s.remaining > 0).at(-1)!;
  const date = slot.start.slice(0, 10);
  const name = `Stängd Dag ${randomUUID().slice(0, 6)}`;
  const made = await page.request.post('/api/bookings', { data: { slotId: slot.id, name, phone: '070-444 55 66', language: 'sv', consent: true, website: '' } });
  expect(made.status()).toBe(201);
  const { reference } = (await made.json()) as { reference: string };

  const email = `schema-${randomUUID().slice(0, 6)}@stad.example`;
  const link = new URL(linkIn((await staffCommand(['add', email, '--role', 'admin'], env)).out));
  await page.goto(link.pathname + link.search);
  const secret = (await page.locator('[data-secret]').getAttribute('data-secret'))!;
  await page.getByLabel('Nytt lösenord').fill(PASSWORD);
  await page.getByLabel('Skriv lösenordet igen').fill(PASSWORD);
  await page.getByLabel('Engångskod från appen').fill(new TOTP({ secret }).generate());
  await page.getByRole('button', { name: 'Spara och logga in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // From here on, the keyboard only.
  await tabTo(page, page.getByRole('link', { name: 'Schemaändringar' }));
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Schemaändringar – /);
  await noViolations(page, 'schedule page');
  await chooseCentre(page, 'vallingby');
  await pressButton(page, 'Visa', true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schemaändringar – Jobbtorg Vällingby');

  // Sent without a choice: the error summary takes focus and links to each field.
  await chooseRadio(page, 'andring', 'closed_day');
  await pressButton(page, 'Fortsätt', true);
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText('Ange ett datum från och med i dag');
  await expect(page.locator('.error-summary')).toContainText('Välj en orsak');
  await noViolations(page, 'schedule form with errors');
  await tabTo(page, page.getByRole('link', { name: 'Ange ett datum från och med i dag, som 2026-12-24' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Datum', { exact: true })).toBeFocused();
  await page.keyboard.type(date);
  await chooseRadio(page, 'orsak', 'training');
  await pressButton(page, 'Fortsätt', true);

  // The confirmation says how many bookings the closure affects, before anything is closed.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Stänga Jobbtorg Vällingby .*\?$/);
  // Ours at least; another test's booking on that day counts too, and then the list shows it as well.
  const affects = page.locator('[data-affected]');
  const count = Number(await affects.getAttribute('data-affected'));
  expect(count).toBeGreaterThanOrEqual(1);
  await expect(affects).toHaveText(count === 1 ? 'Stängningen berör 1 bokning.' : `Stängningen berör ${count} bokningar.`);
  await noViolations(page, 'closure confirmation');
  await pressButton(page, 'Ja, stäng', true);
  await expect(page.getByRole('status')).toContainText('Stängningen är sparad.');
  await noViolations(page, 'closure saved');

  // The booking is on the needs-review list, with the ways to move or cancel it.
  await tabTo(page, page.getByRole('link', { name: count === 1 ? '1 bokning på en stängd mötestid behöver hanteras' : `${count} bokningar på stängda mötestider behöver hanteras` }));
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Att hantera – Jobbtorg Vällingby');
  expect(await page.getByRole('row').filter({ hasText: /JT-/ }).count()).toBe(count);
  const row = page.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText(name);
  await expect(row).toContainText('Utbildning');
  await expect(row.getByRole('link', { name: `Avboka ${reference}` })).toHaveAttribute('href', `/personal/bokning/${reference}/avboka/?orsak=closed`);
  await noViolations(page, 'needs review');
  await tabTo(page, page.getByRole('link', { name: 'English' }));
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Needs review – Jobbtorg Vällingby');
  await noViolations(page, 'needs review, English');
  await tabTo(page, page.getByRole('link', { name: 'Svenska' }));
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);

  // Removing the closure reopens the day and empties the list.
  await tabTo(page, page.getByRole('link', { name: 'Schemaändringar' }));
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await chooseCentre(page, 'vallingby');
  await pressButton(page, 'Visa', true);
  const remove = page.getByRole('row').filter({ hasText: 'Stänga hela dagen' }).getByRole('button', { name: /^Ta bort/ });
  await tabTo(page, remove);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await expect(page.getByRole('status')).toContainText('Ändringen är borttagen.');
  await expect(page.getByText('Inga ändringar.')).toBeVisible();
  await noViolations(page, 'exception removed');
  const reopened = (await (await page.request.get(`/api/slots?location=vallingby&type=intro&from=${date}&to=${date}`)).json()) as { slots: { id: string }[] };
  expect(reopened.slots.map((s) => s.id)).toContain(slot.id);
});
