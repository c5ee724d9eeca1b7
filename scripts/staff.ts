// `npm run staff -- add|list|disable|reset`: local staff accounts, on the database the server uses
// (the same DATA_DIR / DATABASE_URL). Prints one-time set-up links; never a password or a secret.
import { parseArgs } from 'node:util';
import { catalog } from '../src/catalog/index.ts';
import { readConfig } from '../src/intake/config.ts';
import { openStore } from '../src/intake/db.ts';
import { openKeyring } from '../src/intake/keyring.ts';
import { accountStatus, addAccount, resetAccount, SETUP_HOURS, setupPath } from '../src/staff/accounts.ts';
import { isRole, roles } from '../src/staff/access.ts';

const usage = `Usage:
  npm run staff -- add <email> --role ${roles.join('|')} [--centre <id>[,<id>]]
  npm run staff -- list
  npm run staff -- disable <email>
  npm run staff -- reset <email>
Job centres: ${catalog.locations.map((l) => l.id).join(', ')}`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { role: { type: 'string' }, centre: { type: 'string' } } });
const [command, email] = positionals;
// The link's host: the public address when set, else the local server.
const base = process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 4321}`;
const link = (token: string) => `${new URL(setupPath(token), base).href}\n(valid ${SETUP_HOURS} hours, once)`;

const config = readConfig();
const store = openStore(config, openKeyring(config));
try {
  await store.migrate();
  const staff = store.staff();
  const now = new Date();
  const existing = async () => {
    const account = email ? await staff.accountByEmail(email.trim().toLowerCase()) : undefined;
    if (!account) throw new Error(`No account ${email ?? ''}`.trim());
    return account;
  };
  if (command === 'add' && email && values.role && isRole(values.role)) {
    const result = await addAccount(staff, { email, role: values.role, centres: (values.centre ?? '').split(',').filter(Boolean) }, catalog.locations.map((l) => l.id), now);
    if (result.kind === 'exists') throw new Error(`${email} already has an account (use reset)`);
    if (result.kind === 'invalid') throw new Error(result.problem === 'email' ? `Not an e-mail address: ${email}` : `--centre must name at least one job centre:\n${usage}`);
    console.log(`Account made for ${email}. Send them this link to set a password and a second factor:\n${link(result.token)}`);
  } else if (command === 'list') {
    const accounts = await staff.accounts();
    if (accounts.length === 0) console.log('No staff accounts yet.');
    else console.table(accounts.map((a) => ({ email: a.email, role: a.role, centres: a.role === 'admin' ? '(all)' : a.centres.join(','), signIn: a.source, status: accountStatus(a, now) })));
  } else if (command === 'disable' && email) {
    await staff.setDisabled((await existing()).id, now);
    console.log(`${email} is disabled and signed out everywhere.`);
  } else if (command === 'reset' && email) {
    const account = await existing();
    if (account.source !== 'local') throw new Error(`${email} signs in through the city's identity provider`);
    const token = await resetAccount(staff, account, now);
    if (account.disabledAt) await staff.setDisabled(account.id, null);
    console.log(`${email}: the old password and second factor no longer work. New link:\n${link(token)}`);
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await store.close();
}
