// `npm run bench:wire`: bytes on the wire per template and locale, as Chromium counts them (the
// encoded bytes of every response, headers included), on a first visit (empty cache) and a repeat
// visit (the same page again, cache warm), and on a first search. Starts `node scripts/server.mjs`
// on BENCH_PORT (default 4351) unless BENCH_URL points at a running portal. Needs a build.
import { chromium } from 'playwright-core';
import { launchOptions } from '../tests/e2e/browser.ts';
import { startPortal, TEMPLATES } from './bench-portal.mjs';

const LOCALES = ['sv', 'lattlast', 'en', 'ar', 'fa', 'prs', 'so', 'ti', 'fi', 'uk', 'ku', 'ru'];
/** Pages that ship no JavaScript, held to the targets (first ≤ 60 KB, repeat ≤ 15 KB). */
const CONTENT = new Set(['home', 'service', 'guide']);
const kinds = { Document: 'html', Stylesheet: 'css', Script: 'js', Font: 'fonts', Fetch: 'data', XHR: 'data' };

/** Counts what the page receives from now until `stop()`: encoded bytes per kind of resource. */
async function meter(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map();
  const bytes = { html: 0, css: 0, js: 0, fonts: 0, data: 0, other: 0 };
  const urls = [];
  let last = performance.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    last = performance.now();
    types.set(e.requestId, { type: e.type, url: e.request.url });
  });
  cdp.on('Network.loadingFinished', (e) => {
    last = performance.now();
    const { type, url } = types.get(e.requestId) ?? {};
    bytes[kinds[type] ?? 'other'] += e.encodedDataLength;
    if (e.encodedDataLength > 0) urls.push([new URL(url).pathname, e.encodedDataLength]);
  });
  return async () => {
    // Until nothing has moved for half a second: a search's index and code arrive after its first response.
    while (performance.now() - last < 500) await new Promise((r) => setTimeout(r, 100));
    await cdp.detach();
    return { ...bytes, total: Object.values(bytes).reduce((a, b) => a + b, 0), urls };
  };
}

async function visit(page, url) {
  const stop = await meter(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts.ready);
  return stop();
}

const kb = (n) => (n / 1024).toFixed(1);

const external = process.env.BENCH_URL;
const port = Number(process.env.BENCH_PORT ?? 4351);
const base = external ?? `http://127.0.0.1:${port}`;
const stopPortal = external ? async () => {} : await startPortal(port);
const browser = await chromium.launch(launchOptions());
// A mid-range phone's screen: which fonts load depends on what is laid out.
const device = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

const rows = [];
const searches = [];
try {
  for (const locale of LOCALES) {
    for (const [template, path] of Object.entries(TEMPLATES)) {
      const context = await browser.newContext(device);
      const page = await context.newPage();
      const url = `${base}/${locale}/${path}`;
      const first = await visit(page, url);
      const repeat = await visit(page, url);
      rows.push({ template, locale, first, repeat });
      if (template === 'search') {
        const stop = await meter(page);
        // Typing before the island has hydrated would submit the form without JavaScript instead.
        await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
        const index = page.waitForResponse((r) => r.url().includes('/search/'));
        await page.fill('#search-q', 'sfi');
        await (await index).finished();
        searches.push({ locale, ...(await stop()) });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await stopPortal();
}

console.log(`Bytes on the wire (KB, encoded, headers included) as Chromium received them from ${base}`);
console.table(
  rows.map(({ template, locale, first, repeat }) => ({
    template,
    locale,
    'first KB': kb(first.total),
    html: kb(first.html),
    css: kb(first.css),
    js: kb(first.js),
    fonts: kb(first.fonts),
    'repeat KB': kb(repeat.total),
  })),
);
console.log('First search (index and the search code it loads):');
console.table(searches.map((s) => ({ locale: s.locale, 'KB': kb(s.total), 'index KB': kb(s.data), 'js KB': kb(s.js) })));

const content = rows.filter((r) => CONTENT.has(r.template));
const worstFirst = content.reduce((a, b) => (b.first.total > a.first.total ? b : a));
const worstRepeat = content.reduce((a, b) => (b.repeat.total > a.repeat.total ? b : a));
console.log(`content pages, largest first visit: ${kb(worstFirst.first.total)} KB (${worstFirst.locale} ${worstFirst.template}), target ≤ 60 KB`);
console.log(`content pages, largest repeat visit: ${kb(worstRepeat.repeat.total)} KB (${worstRepeat.locale} ${worstRepeat.template}), target ≤ 15 KB`);
if (process.env.BENCH_VERBOSE) for (const r of rows) console.log(r.locale, r.template, r.first.urls);
