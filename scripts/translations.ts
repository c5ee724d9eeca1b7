// `npm run translations -- <command>`: the translations' ledger, status report and hand-off to a translation agency.
//   stamp [--all]                       record every translation without a ledger entry as made from the current Swedish
//   status                              per locale: texts and strings up to date, outdated, reviewed, unreviewed, missing
//   export <locale> [--outdated] [--out file]   an XLIFF 2.0 file of the locale's texts and strings
//   import <file> [--reviewer "Name"]   take a translated XLIFF file back; a reviewer signs the imported units off
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultLocale, isLocale, localeIds } from '../src/i18n/locales.ts';
import { stamp } from '../src/translations/ledger.ts';
import { readCorpus, readLedger, writeLedger } from '../src/translations/files.ts';
import { statusReport } from '../src/translations/report.ts';
import { translatedUnits } from '../src/translations/units.ts';
import { exportLocale, importFile } from '../src/translations/handoff.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { all: { type: 'boolean' }, outdated: { type: 'boolean' }, out: { type: 'string' }, reviewer: { type: 'string' } },
});
const [command, arg] = positionals;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (command === 'stamp') {
  const corpus = readCorpus(root);
  for (const locale of localeIds.filter((l) => l !== defaultLocale)) {
    const before = readLedger(root, locale);
    const after = stamp(before, translatedUnits(corpus, locale), values.all);
    writeLedger(root, locale, after);
    const added = Object.keys(after).filter((id) => before[id]?.source !== after[id]!.source).length;
    console.log(`${locale}: ${Object.keys(after).length} units, ${added} stamped`);
  }
} else if (command === 'status') {
  const corpus = readCorpus(root);
  const ledgers = Object.fromEntries(localeIds.map((l) => [l, readLedger(root, l)]));
  const report = statusReport(corpus, ledgers);
  const row = (c: { upToDate: number; outdated: number; reviewed: number; unreviewed: number; fallback: number; total: number }) =>
    `${c.upToDate}/${c.total} up to date, ${c.outdated} outdated, ${c.reviewed} reviewed, ${c.unreviewed} unreviewed, ${c.fallback} missing`;
  console.table(
    Object.fromEntries(
      report.flatMap(({ locale, texts, strings }) => [
        [`${locale} texts`, { 'up to date': texts.upToDate, outdated: texts.outdated, reviewed: texts.reviewed, unreviewed: texts.unreviewed, missing: texts.fallback, total: texts.total }],
        [`${locale} strings`, { 'up to date': strings.upToDate, outdated: strings.outdated, reviewed: strings.reviewed, unreviewed: strings.unreviewed, missing: strings.fallback, total: strings.total }],
      ]),
    ),
  );
  for (const { locale, units, texts, strings } of report) {
    const behind = units.filter((u) => u.status === 'outdated' || u.status === 'fallback');
    if (behind.length === 0) continue;
    console.log(`\n${locale}: texts ${row(texts)}; strings ${row(strings)}`);
    for (const u of behind) console.log(`  ${u.status === 'fallback' ? 'missing ' : 'outdated'}  ${u.id}`);
  }
} else if (command === 'export') {
  if (!isLocale(arg) || arg === defaultLocale) fail(`export needs a locale to translate into: ${localeIds.filter((l) => l !== defaultLocale).join(', ')}`);
  const { xml, units } = await exportLocale(root, arg, { outdatedOnly: values.outdated ?? false });
  const out = values.out ?? `translations-${arg}${values.outdated ? '-outdated' : ''}.xlf`;
  writeFileSync(out, xml);
  console.log(`${out}: ${units} units for ${arg}`);
} else if (command === 'import') {
  if (!arg) fail('import needs an XLIFF file: npm run translations -- import <file> [--reviewer "Name"]');
  const result = await importFile(root, arg, { reviewer: values.reviewer, now: new Date() });
  if (!result.ok) fail(`Refused ${arg}, nothing written:\n${result.problems.map((p) => `  ${p}`).join('\n')}`);
  console.log(`${result.locale}: ${result.changed.length} units changed${values.reviewer ? `, signed off by ${values.reviewer}` : ''}`);
  for (const id of result.changed) console.log(`  ${id}`);
} else {
  fail('Usage: npm run translations -- stamp [--all] | status | export <locale> [--outdated] [--out file] | import <file> [--reviewer "Name"]');
}
