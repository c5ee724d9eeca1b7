// `npm run bench:lighthouse`: Lighthouse's mobile profile (a mid-range phone on a slow 4G line,
// simulated) on a sample of pages in Swedish, Arabic and Tigrinya, all four categories. Starts
// `node scripts/server.mjs` on BENCH_PORT (default 4352) unless BENCH_URL points at a running portal.
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium. Needs a build. Scores move with a busy CPU:
// Lighthouse scales the main-thread time it measures, so run it on a quiet machine.
import * as chromeLauncher from 'chrome-launcher';
import { loadavg } from 'node:os';
import lighthouse from 'lighthouse';
import { startPortal, TEMPLATES } from './bench-portal.mjs';

const LOCALES = ['sv', 'ar', 'ti'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const external = process.env.BENCH_URL;
const port = Number(process.env.BENCH_PORT ?? 4352);
const base = external ?? `http://127.0.0.1:${port}`;
const stopPortal = external ? async () => {} : await startPortal(port);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});

const rows = [];
try {
  for (const locale of LOCALES) {
    for (const [page, path] of Object.entries(TEMPLATES)) {
      // The default configuration is the mobile profile: Moto G Power screen, 4× CPU slowdown, slow 4G.
      const run = () => lighthouse(`${base}/${locale}/${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
      let { lhr } = await run();
      // A runtime error is a failed measurement, not the page's (headless Chromium now and then
      // hands Lighthouse a trace without its navigation start: NO_NAVSTART): made once more, and said.
      const retried = lhr.runtimeError?.code;
      if (retried) ({ lhr } = await run());
      // A page Lighthouse could not measure (twice) says so instead of scoring.
      if (lhr.runtimeError) {
        rows.push({ page, locale, 'below full marks': `not measured: ${lhr.runtimeError.code}` });
        continue;
      }
      const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
      const failed = Object.values(lhr.categories)
        .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1).map((r) => r.id))
        .filter((id, i, all) => all.indexOf(id) === i);
      rows.push({
        page,
        locale,
        ...Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)])),
        'FCP ms': Math.round(audit('first-contentful-paint')),
        'LCP ms': Math.round(audit('largest-contentful-paint')),
        TBT: Math.round(audit('total-blocking-time')),
        CLS: audit('cumulative-layout-shift').toFixed(3),
        'below full marks': [...failed, ...(retried ? [`(measured twice: ${retried})`] : [])].join(' '),
        // Lighthouse scales the main-thread time it sees: a busy machine lowers TBT and speed index.
        'machine load': loadavg()[0].toFixed(1),
      });
    }
  }
} finally {
  chrome.kill();
  await stopPortal();
}

console.log(`Lighthouse, mobile profile, against ${base}`);
console.table(rows);
const measured = rows.filter((r) => r.performance !== undefined);
const weakest = (c) => measured.reduce((a, b) => (b[c] < a[c] ? b : a));
for (const c of CATEGORIES) console.log(`${c}: lowest ${weakest(c)[c]} (${weakest(c).locale} ${weakest(c).page})`);
