import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

// Keyboard-only steps and a date-proof choice of time, shared by the booking and reschedule journeys.

/**
 * The first time offered on the page that stays bookable for the rest of the
 * test. The earliest time can slip inside the 24-hour lead time while a slow
 * flow runs (axe on every step, JavaScript off), and the booking is then
 * refused: that made a full booking fail now and then. So tests take the first
 * time that starts more than an hour after the lead time ends.
 */
export async function lastingTime(page: Page, request: APIRequestContext): Promise<string> {
  const ids = await page.locator('input[name="tid"]').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  const [location, type] = ids[0]!.split('.');
  // As far ahead as the pages list times (SLOT_DAYS), not the API's default fortnight: a sparse meeting's times lie further out.
  const until = new Date(Date.now() + 41 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = (await (await request.get(`/api/slots?location=${location}&type=${type}&to=${until}`)).json()) as { slots: { id: string; start: string }[] };
  const starts = new Map(slots.map((slot) => [slot.id, Date.parse(slot.start)]));
  const id = ids.find((candidate) => (starts.get(candidate) ?? 0) > Date.now() + 25 * 3_600_000);
  if (!id) throw new Error(`no time at ${location} more than 25 hours away`);
  return id;
}

/** Presses Tab until the target has focus: how a keyboard user gets there. */
export async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 80; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the element with Tab');
}

/** Picks a radio by keyboard: Tab into the group, arrows to the value, Space to be sure it is chosen. */
export async function chooseRadio(page: Page, name: string, value: string) {
  const radios = page.locator(`input[type="radio"][name="${name}"]`);
  const values = await radios.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  const index = values.indexOf(value);
  expect(index, `${value} is offered`).toBeGreaterThanOrEqual(0);
  const checked = await radios.evaluateAll((els) => els.findIndex((el) => (el as HTMLInputElement).checked));
  await tabTo(page, radios.nth(checked >= 0 ? checked : 0));
  const from = checked >= 0 ? checked : 0;
  for (let i = from; i < index; i += 1) await page.keyboard.press('ArrowDown');
  for (let i = from; i > index; i -= 1) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expect(radios.nth(index)).toBeChecked();
}

/** Presses a button by keyboard; without JavaScript every button sends a form, so wait for the next page. */
export async function pressButton(page: Page, name: string, navigates = false) {
  await tabTo(page, page.getByRole('button', { name, exact: true }));
  if (navigates) await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  else await page.keyboard.press('Enter');
}
