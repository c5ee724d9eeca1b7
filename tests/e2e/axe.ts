import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** WCAG 2.2 AA, the level required of Swedish public websites. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe's violations on the page as it is now, as `rule: targets` lines that read well in a failure.
 *
 * Legacy mode runs axe once in the page itself. The default mode runs it per frame and then
 * assembles the results in a blank page it opens for every analysis; the portal has no frames, so
 * that bought nothing and cost about two thirds of the accessibility sweep's time (measured over
 * 18 pages: 7.6 s a page against 2.6 s). Only violations are collected in detail: passes are
 * never read.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // options() replaces every option set before it, the tags included: it comes first.
  const { violations } = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(WCAG_TAGS)
    .setLegacyMode(true)
    .analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * axe runs as JavaScript, which a JS-off page cannot. It checks a copy of the
 * page, served at the same address to a page that may run scripts, with the
 * island's scripts blocked as they were.
 */
export async function axeOf(page: Page, js: boolean): Promise<string[]> {
  if (js) return axeViolations(page);
  const html = await page.content();
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true });
  const copy = await context.newPage();
  await copy.route('**/_astro/*.js', (route) => route.abort());
  await copy.route(page.url(), (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await copy.goto(page.url());
  try {
    return await axeViolations(copy);
  } finally {
    await context.close();
  }
}

/**
 * Landmarks that share a name (axe's best-practice rule `landmark-unique`, outside WCAG's
 * tags): a screen-reader user moving by landmark hears the same one twice and cannot tell
 * which is which. Checked on pages that build regions from data, where a clash can creep in.
 */
export async function landmarkClashes(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withRules(['landmark-unique']).setLegacyMode(true).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
