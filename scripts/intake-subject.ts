// `npm run intake:subject -- <export|erase> …`: a resident's right of access and to erasure (README, "Resident rights").
//   export --reference JT-XXXXXX | --email <address> | --phone <number>  --out <file> --actor <who> [--reason …]
//   erase  --reference JT-XXXXXX --actor <who> [--reason …]
// A value of "-" is read from standard input, so an e-mail or phone stays out of the shell history.
// The export is a JSON file (--out, written mode 0600). Each use is logged without personal data.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/intake/config.ts';
import { openStore } from '../src/intake/db.ts';
import { openKeyring } from '../src/intake/keyring.ts';
import { eraseBooking, exportSubject, type Subject } from '../src/intake/subject.ts';

const usage = 'Usage: npm run intake:subject -- export (--reference R | --email E | --phone P) --out FILE --actor WHO [--reason WHY]\n       npm run intake:subject -- erase --reference R --actor WHO [--reason WHY]';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { reference: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' }, out: { type: 'string' }, actor: { type: 'string' }, reason: { type: 'string' } },
});
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};
const [command] = positionals;
const given = (['reference', 'email', 'phone'] as const).filter((k) => values[k] !== undefined);
if (!['export', 'erase'].includes(command ?? '') || given.length !== 1 || !values.actor) fail(usage);
const kind = given[0]!;
if (command === 'export' && !values.out) fail(usage);
if (command === 'erase' && kind !== 'reference') fail('erase takes a --reference: erase each booking the export lists.');
const raw = values[kind]!;
const subject: Subject = { kind, value: raw === '-' ? readFileSync(0, 'utf8').trim() : raw };
const who = { actor: values.actor!, reason: values.reason };

const config = readConfig();
const store = openStore(config, openKeyring(config));
try {
  await store.migrate();
  if (command === 'export') {
    const file = `${JSON.stringify(await exportSubject(store, subject, who, config.retentionDays, new Date()), null, 2)}\n`;
    writeFileSync(values.out!, file, { mode: 0o600 });
  } else {
    const result = await eraseBooking(store, subject.value, who, new Date());
    if (result === 'not_found') {
      process.stderr.write('No booking with that reference.\n');
      process.exitCode = 1;
    }
  }
} finally {
  await store.close();
}
