import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { E2E_BASE_URL, E2E_DATA_DIR } from '../../playwright.config';
import { integrationKey, signedInStaff } from '../staff-client';
import { examples } from '../../src/booking/examples';
import { stepHeading } from '../../src/booking/flow';
import { axeOf } from './axe';
import { chooseRadio, lastingTime, pressButton, tabTo } from './keyboard';

// Whole flows with axe on every step: longer than one page's test.
test.describe.configure({ timeout: 120_000 });

const strings = (locale: string) => JSON.parse(readFileSync(`locales/${locale}/booking.json`, 'utf8')) as Record<string, string>;

async function typeInto(page: Page, label: string, text: string) {
  await tabTo(page, page.getByLabel(label, { exact: true }));
  await page.keyboard.type(text);
}

/** An integration key for every centre, made once per worker by an admin of the staff workspace. */
let staffKey: Promise<string> | undefined;
const readKey = () =>
  (staffKey ??= signedInStaff(E2E_BASE_URL, { DATA_DIR: E2E_DATA_DIR }, `e2e-admin-${randomUUID().slice(0, 8)}@stad.example`, 'admin').then((admin) =>
    integrationKey(admin, 'e2e booking tests', ['kista', 'vantor', 'skarholmen', 'kungsholmen', 'vallingby', 'jobbtorg-unga', 'jobbstart']),
  ));

/** Bookings at a place on a date, as an integration reads them. */
async function staffBookings(request: APIRequestContext, location: string, date: string) {
  const res = await request.get(`/api/staff/bookings?location=${location}&date=${date}`, { headers: { authorization: `Bearer ${await readKey()}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { bookings: { reference: string; name: string; cancelledAt: string | null }[] }).bookings;
}

const dateOf = (slotId: string) => {
  const stamp = slotId.split('.')[2]!;
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}`;
};

async function remaining(request: APIRequestContext, slotId: string) {
  const [location, type] = slotId.split('.') as [string, string];
  const date = dateOf(slotId);
  const res = await request.get(`/api/slots?location=${location}&type=${type}&from=${date}&to=${date}`);
  return ((await res.json()) as { slots: { id: string; remaining: number }[] }).slots.find((s) => s.id === slotId)?.remaining;
}

/** Nothing the resident typed may reach the address bar. */
function expectNoPersonalData(page: Page, ...values: string[]) {
  const url = decodeURIComponent(page.url());
  for (const value of values) expect(url).not.toContain(value);
}

const cases = [
  { locale: 'sv', js: true, type: 'intro', place: 'kista' },
  { locale: 'ar', js: true, type: 'guidance', place: 'vantor' },
  { locale: 'sv', js: false, type: 'intro', place: 'skarholmen' },
  { locale: 'ar', js: false, type: 'guidance', place: 'kungsholmen' },
];

for (const { locale, js, type, place } of cases) {
  test.describe(`${locale}, JavaScript ${js ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: js });

    test('a full booking by keyboard alone, with errors on the way, axe clean on every step', async ({ page, request }) => {
      const s = strings(locale);
      const scan: string[] = [];
      const name = `Test ${locale} ${js ? 'js' : 'nojs'} ${Date.now()}`;
      const phone = '070-123 45 67';
      const heading = (key: string) => page.getByRole('heading', { level: 1, name: s[key]! });
      const arrived = async (key: string) => {
        await expect(heading(key)).toBeVisible();
        // With JavaScript the new step's heading takes focus; without it, each step is a new page.
        if (js) await expect(heading(key)).toBeFocused();
        scan.push(...(await axeOf(page, js)));
      };

      await page.goto(`/${locale}/boka/?typ=${type}&sprak=${locale}`);
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await expect(page.getByRole('heading', { level: 1, name: s['type.legend']! })).toBeVisible();
      scan.push(...(await axeOf(page, js)));
      await expect(page.locator(`input[name="typ"][value="${type}"]`)).toBeChecked();
      await expect(page.getByRole('heading', { name: s['help.heading']! })).toBeVisible();
      await pressButton(page, s['continue']!, !js);

      await arrived('place.legend');
      // The language switcher keeps the choices (never details).
      await expect(page.locator('.lang-switcher a[hreflang="en"]')).toHaveAttribute('href', new RegExp(`typ=${type}`));
      await chooseRadio(page, 'plats', place);
      await pressButton(page, s['continue']!, !js);

      await arrived('time.heading');
      await expect(page.getByText(s['time.next']!.split('{{')[0]!.trim()).first()).toBeVisible();
      const firstTime = await lastingTime(page, request);
      await chooseRadio(page, 'tid', firstTime);
      await pressButton(page, s['continue']!, !js);

      await arrived('details.heading');
      await expect(page.getByLabel(s['field.language']!)).toHaveValue(locale);
      // Nothing filled in: the error summary names each problem and links to its field.
      await pressButton(page, s['continue']!, !js);
      const summary = page.locator('.error-summary');
      await expect(summary).toBeFocused();
      await expect(summary.getByRole('link', { name: s['error.name.required']! })).toBeVisible();
      await expect(summary.getByRole('link', { name: s['error.email.contact_required']! })).toBeVisible();
      await expect(page.getByLabel(s['field.name']!, { exact: true })).toHaveAttribute('aria-describedby', /boka-name-error/);
      await expect(page).toHaveTitle(new RegExp(`^${s['page.errorTitle']!.split('{{')[0]!.trim()}`));
      scan.push(...(await axeOf(page, js)));

      // A bad phone number keeps what was typed and says how to write it.
      await typeInto(page, s['field.name']!, name);
      await typeInto(page, s['field.phone']!, '12');
      await pressButton(page, s['continue']!, !js);
      await expect(page.locator('.error-summary')).toBeFocused();
      await expect(page.locator('.error-summary')).toContainText(s['error.phone.invalid_phone']!);
      await expect(page.getByLabel(s['field.name']!, { exact: true })).toHaveValue(name);
      await tabTo(page, page.getByLabel(s['field.phone']!, { exact: true }));
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(phone);
      await pressButton(page, s['continue']!, !js);

      await arrived('check.heading');
      await expect(page.locator('.summary-list')).toContainText(name);
      await expect(page.locator('.summary-list')).toContainText(phone);
      expectNoPersonalData(page, name, phone, '070');

      // Without consent, nothing is sent.
      await pressButton(page, s['confirm']!, !js);
      await expect(page.locator('.error-summary')).toBeFocused();
      await expect(page.locator('.error-summary')).toContainText(s['error.consent.consent_required']!);
      scan.push(...(await axeOf(page, js)));
      await tabTo(page, page.getByLabel(s['consent.label']!));
      await page.keyboard.press('Space');
      await pressButton(page, s['confirm']!, !js);

      await expect(page).toHaveURL(new RegExp(`/${locale}/boka/bekraftelse/\\?ref=JT-`));
      await expect(page.getByRole('heading', { level: 1, name: s['done.title']! })).toBeVisible();
      expectNoPersonalData(page, name, phone);
      const reference = (await page.locator('.panel__reference').textContent())!.trim();
      expect(reference).toMatch(/^JT-[2-9A-Z]{6}$/);
      scan.push(...(await axeOf(page, js)));
      const ics = await request.get((await page.getByRole('link', { name: s['done.calendar']! }).getAttribute('href'))!);
      expect(ics.status()).toBe(200);
      expect(await ics.text()).toContain('BEGIN:VEVENT');

      const rows = await staffBookings(request, place, dateOf(firstTime));
      expect(rows.filter((r) => r.name === name).map((r) => r.reference)).toEqual([reference]);
      expect(scan).toEqual([]);
    });
  });
}

for (const js of [true, false]) {
  test.describe(`JavaScript ${js ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: js });

    test('a time taken by someone else before confirming: the nearest free times are offered and the details kept', async ({ page, request }) => {
      const s = strings('sv');
      // A place and meeting type no other test books, so the times seen here stay free.
      const [type, place] = js ? ['guidance', 'vallingby'] : ['intro', 'vantor'];
      const name = `Kapplöpning ${js ? 'js' : 'nojs'} ${Date.now()}`;
      await page.goto(`/sv/boka/?typ=${type}&plats=${place}&steg=tid`);
      const times = await page.locator('input[name="tid"]').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
      // Not the first time, so there are free times on both sides of it.
      const chosen = times[2]!;
      await chooseRadio(page, 'tid', chosen);
      await pressButton(page, s['continue']!, !js);
      await typeInto(page, s['field.name']!, name);
      await typeInto(page, s['field.email']!, 'kapplopning@example.se');
      await pressButton(page, s['continue']!, !js);
      await expect(page.getByRole('heading', { level: 1, name: s['check.heading']! })).toBeVisible();

      // Someone else takes the last seats.
      const left = (await remaining(request, chosen))!;
      for (let i = 0; i < left; i += 1) {
        const res = await request.post('/api/bookings', {
          data: { slotId: chosen, name: `Annan ${i}`, phone: '0701234567', language: 'sv', consent: true },
        });
        expect(res.status()).toBe(201);
      }

      await tabTo(page, page.getByLabel(s['consent.label']!));
      await page.keyboard.press('Space');
      await pressButton(page, s['confirm']!, !js);
      await expect(page.getByRole('heading', { level: 1, name: s['time.heading']! })).toBeVisible();
      await expect(page.locator('.error-summary')).toBeFocused();
      await expect(page.locator('.error-summary')).toContainText(s['error.time.taken']!.split('{{')[0]!.trim());
      const nearest = page.getByRole('group', { name: s['time.nearest']! });
      await expect(nearest.locator('input[type="radio"]')).toHaveCount(3);
      expect(await nearest.locator(`input[value="${chosen}"]`).count()).toBe(0);
      expect(await axeOf(page, js)).toEqual([]);

      const other = (await nearest.locator('input').first().getAttribute('value'))!;
      await chooseRadio(page, 'tid', other);
      await pressButton(page, s['continue']!, !js);
      // Straight back to the summary, with the details as they were.
      await expect(page.getByRole('heading', { level: 1, name: s['check.heading']! })).toBeVisible();
      await expect(page.locator('.summary-list')).toContainText(name);
      await tabTo(page, page.getByLabel(s['consent.label']!));
      await page.keyboard.press('Space');
      await pressButton(page, s['confirm']!, !js);
      await expect(page.getByRole('heading', { level: 1, name: s['done.title']! })).toBeVisible();
      const rows = await staffBookings(request, place, dateOf(other));
      expect(rows.filter((r) => r.name === name)).toHaveLength(1);
    });

    test('cancelling from the confirmation link frees the seat', async ({ page, request }) => {
      const s = strings('sv');
      const place = js ? 'vallingby' : 'skarholmen';
      const slots = (await (await request.get(`/api/slots?location=${place}&type=intro`)).json()) as { slots: { id: string; remaining: number }[] };
      const slot = slots.slots.filter((x) => x.remaining > 0).at(-1)!;
      const res = await request.post('/api/bookings', {
        data: { slotId: slot.id, name: 'Avbokare', email: 'avboka@example.se', language: 'sv', consent: true },
      });
      expect(res.status()).toBe(201);
      const { confirmationUrl } = (await res.json()) as { confirmationUrl: string };
      const before = await remaining(request, slot.id);

      await page.goto(confirmationUrl);
      await tabTo(page, page.getByRole('link', { name: s['done.cancel']! }));
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: s['cancel.title']! })).toBeVisible();
      expect(await axeOf(page, js)).toEqual([]);
      await pressButton(page, s['cancel.confirm']!, true);
      await expect(page.getByRole('heading', { level: 1, name: s['cancel.done']! })).toBeVisible();
      expect(await axeOf(page, js)).toEqual([]);
      expect(await remaining(request, slot.id)).toBe(before! + 1);

      // The link still answers, and says the meeting is cancelled.
      await page.goto(confirmationUrl);
      await expect(page.getByRole('heading', { level: 1, name: s['done.cancelled']! })).toBeVisible();
    });
  });
}

test('a double click on "Book the meeting" makes one booking', async ({ page, request }) => {
  const s = strings('sv');
  const name = `Dubbelklick ${Date.now()}`;
  await page.goto('/sv/boka/?typ=youth&plats=jobbtorg-unga&steg=tid');
  const time = await lastingTime(page, request);
  await page.locator(`input[name="tid"][value="${time}"]`).check();
  await page.getByRole('button', { name: s['continue']! }).click();
  await page.getByLabel(s['field.name']!, { exact: true }).fill(name);
  await page.getByLabel(s['field.phone']!, { exact: true }).fill('+46 70 555 12 34');
  await page.getByRole('button', { name: s['continue']! }).click();
  await page.getByLabel(s['consent.label']!).check();
  await page.getByRole('button', { name: s['confirm']! }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: s['done.title']! })).toBeVisible();
  const rows = await staffBookings(request, 'jobbtorg-unga', dateOf(time));
  expect(rows.filter((r) => r.name === name)).toHaveLength(1);
});

test('without JavaScript, the same form sent twice (a double click, a resend) makes one booking and both answers confirm it', async ({ page, request }) => {
  const s = strings('sv');
  const name = `Skickad två gånger ${Date.now()}`;
  await page.goto('/sv/boka/?typ=jobbstart&plats=jobbstart&steg=tid');
  const time = await lastingTime(page, request);
  const draft = { typ: 'jobbstart', plats: 'jobbstart', tid: time, name, email: 'tva@example.se', phone: '', language: 'sv', interpreter: '', interpreterLanguage: '', needs: '' };
  // The summary page hands out the one-time key, as the browser would see it.
  const review = await request.post('/sv/boka/', { form: { ...draft, steg: 'granska' } });
  const key = /name="nyckel" value="([0-9a-f-]{36})"/.exec(await review.text())?.[1];
  expect(key).toBeTruthy();
  const send = () => request.post('/sv/boka/', { form: { ...draft, nyckel: key!, steg: 'skicka', consent: 'true' }, maxRedirects: 0 });
  const [first, second] = await Promise.all([send(), send()]);
  expect(first.status()).toBe(303);
  expect(second.status()).toBe(303);
  expect(second.headers().location).toBe(first.headers().location);
  const rows = await staffBookings(request, 'jobbstart', dateOf(time));
  expect(rows.filter((r) => r.name === name)).toHaveLength(1);
  // Both answers lead to a working confirmation with the cancel link.
  await page.goto(second.headers().location!);
  await expect(page.getByRole('heading', { level: 1, name: s['done.title']! })).toBeVisible();
  await expect(page.getByRole('link', { name: s['done.cancel']! })).toBeVisible();
});

test('a changed answer on the summary keeps the details and returns to the summary (JavaScript off)', async ({ browser, request }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const s = strings('sv');
  const name = `Ändrar ${Date.now()}`;
  await page.goto('/sv/boka/?typ=guidance&plats=kista&steg=tid');
  const times = await page.locator('input[name="tid"]').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  await chooseRadio(page, 'tid', await lastingTime(page, request));
  await pressButton(page, s['continue']!, true);
  await typeInto(page, s['field.name']!, name);
  await typeInto(page, s['field.email']!, 'andrar@example.se');
  await pressButton(page, s['continue']!, true);
  await expect(page.getByRole('heading', { level: 1, name: s['check.heading']! })).toBeVisible();
  await pressButton(page, `${s['check.change']} ${s['check.time']}`, true);
  await expect(page.getByRole('heading', { level: 1, name: s['time.heading']! })).toBeVisible();
  // Later times, then back to the first page of times: the details travel along.
  await pressButton(page, s['time.later']!, true);
  const later = (await page.locator('input[name="tid"]').first().getAttribute('value'))!;
  expect(times).not.toContain(later);
  await chooseRadio(page, 'tid', later);
  await pressButton(page, s['continue']!, true);
  await expect(page.getByRole('heading', { level: 1, name: s['check.heading']! })).toBeVisible();
  await expect(page.locator('.summary-list')).toContainText(name);
  expectNoPersonalData(page, name, 'andrar@');
  await context.close();
});

test('the error summary takes focus on a page rendered by the server (JavaScript off)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const s = strings('ar');
  await page.goto('/ar/boka/?steg=plats');
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText(s['error.type.required']!);
  expect(await axeOf(page, false)).toEqual([]);
  await context.close();
});

test('a link from a service page preselects the meeting and the questionnaire language fills the meeting language', async ({ page, request }) => {
  const s = strings('ti');
  await page.goto('/ti/boka/?typ=guidance&sprak=ar&plats=kista&steg=uppgifter');
  // Without a time the flow starts where the answers stop.
  await expect(page.getByRole('heading', { level: 1, name: s['time.heading']! })).toBeVisible();
  await page.locator(`input[name="tid"][value="${await lastingTime(page, request)}"]`).check();
  await page.getByRole('button', { name: s['continue']! }).click();
  await expect(page.getByLabel(s['field.language']!)).toHaveValue('ar');
});

test('the booking page loads at most 25 KB of JavaScript (gzip) through a whole booking', async ({ page, request }) => {
  const s = strings('sv');
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.set(res.url(), res.body());
  });
  await page.goto('/sv/boka/?typ=intro&plats=kista&steg=tid');
  await page.locator(`input[name="tid"][value="${await lastingTime(page, request)}"]`).check();
  await page.getByRole('button', { name: s['continue']! }).click();
  await page.getByLabel(s['field.name']!, { exact: true }).fill('Budget');
  await page.getByLabel(s['field.email']!, { exact: true }).fill('budget@example.se');
  await page.getByRole('button', { name: s['continue']! }).click();
  await expect(page.getByRole('heading', { level: 1, name: s['check.heading']! })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const inline = (await page.locator('script:not([src])').allTextContents()).join('\n');
  const files = await Promise.all(scripts.values());
  const bytes = gzipSync(inline, { level: 9 }).length + files.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
  console.log(`/sv/boka/: ${bytes} B of JavaScript (gzip) in ${files.length} files + inline`);
  expect(files.length).toBeGreaterThan(2); // the island is there
  expect(bytes).toBeLessThanOrEqual(25 * 1024);
});

// The named example states (src/booking/examples.ts) that an address reaches, each as the server renders it
// (JavaScript off) and as the island shows it: the step's heading, the error summary when there are errors, axe clean.
for (const js of [false, true]) {
  for (const [name, example] of Object.entries(examples)) {
    if (!('address' in example)) continue;
    test(`example "${name}", JavaScript ${js ? 'on' : 'off'}`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const page = await context.newPage();
      const s = strings('sv');
      await page.goto(`/sv/boka/${example.address}`);
      await expect(page.getByRole('heading', { level: 1, name: s[stepHeading[example.state.step]]! })).toBeVisible();
      const errors = Object.keys(example.state.errors);
      await expect(page.locator('.error-summary')).toHaveCount(errors.length > 0 ? 1 : 0);
      if (errors.length > 0) await expect(page.locator('.error-summary [role="alert"]')).toContainText(s[`error.${errors[0]}.required`]!);
      expect(await axeOf(page, js)).toEqual([]);
      await context.close();
    });
  }
}
