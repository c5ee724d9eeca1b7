// `npm run keys -- <command>`: the data keys that seal personal data at rest (README, "Keys").
//   new <file>        writes a new key file (mode 0600); refuses to overwrite one
//   status            the keys in the keyring, the current one, and how many bookings each seals
//   rotate            a new data key into the key file, made current; then every booking re-sealed under it,
//                     in batches (KEYS_BATCH, default 200), while the portal runs
//   reencrypt         re-seals every booking not under the current key (after DATA_KEY was changed by hand)
//   retire <key id>   removes an old key from the key file once no booking needs it
// It uses the same settings as the server (DATABASE_URL, DATA_DIR, DATA_KEY, DATA_KEY_FILE).
import { existsSync, readFileSync } from 'node:fs';
import { readConfig } from '../src/intake/config.ts';
import { openStore } from '../src/intake/db.ts';
import { Keyring, keyFilePath, newKeyFile, openKeyring, parseKeyFile, RELOAD_MS, withNewKey, writeKeyFile } from '../src/intake/keyring.ts';
import { log } from '../src/intake/log.ts';
import type { IntakeStore } from '../src/intake/store.ts';

const config = readConfig();
const [command, argument] = process.argv.slice(2);
const batch = Number(process.env.KEYS_BATCH ?? 200);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The key file the running instances read; rotation and retirement rewrite it. */
function keyFile(): string {
  if (config.dataKey) fail('DATA_KEY is set: the keys live in your secret store. Add a key there as "current" (keep the old ones), restart the instances, then run `npm run keys -- reencrypt`.');
  const path = keyFilePath(config);
  if (!existsSync(path)) fail(`No key file at ${path}.`);
  return path;
}

/** Re-seals batch after batch until no booking is left under another key than the current one. */
async function reseal(store: IntakeStore): Promise<number> {
  let total = 0;
  for (let found = await store.reseal(batch); found > 0; found = await store.reseal(batch)) {
    total += found;
    log('keys.resealed', { batch: found, total });
  }
  return total;
}

async function withStore(keyring: Keyring, work: (store: IntakeStore) => Promise<void>) {
  const store = openStore(config, keyring);
  try {
    await store.migrate();
    await work(store);
  } finally {
    await store.close();
  }
}

switch (command) {
  case 'new': {
    if (!argument) fail('Usage: npm run keys -- new <file>');
    if (existsSync(argument)) fail(`${argument} exists; a key file is never overwritten.`);
    writeKeyFile(argument, newKeyFile());
    log('keys.new', { path: argument });
    break;
  }
  case 'status': {
    const keyring = openKeyring(config);
    await withStore(keyring, async (store) => {
      const use = Object.fromEntries(await store.keyUse());
      process.stdout.write(`${JSON.stringify({ current: keyring.current, keys: keyring.keyIds, bookingsPerKey: use }, null, 2)}\n`);
    });
    break;
  }
  case 'rotate': {
    const path = keyFile();
    const rotated = withNewKey(parseKeyFile(readFileSync(path, 'utf8'), path));
    writeKeyFile(path, rotated);
    log('keys.rotated', { path, current: rotated.current });
    // Running instances look at the key file at most a second apart before they seal: after two, every
    // new booking is sealed under the new key, and the re-sealing below catches every older one.
    await new Promise((resolve) => setTimeout(resolve, 2 * RELOAD_MS + 200));
    await withStore(Keyring.fromFile(path), async (store) => {
      const total = await reseal(store);
      log('keys.rotate_done', { current: rotated.current, resealed: total });
    });
    break;
  }
  case 'reencrypt': {
    await withStore(openKeyring(config), async (store) => {
      log('keys.reencrypt_done', { resealed: await reseal(store) });
    });
    break;
  }
  case 'retire': {
    const path = keyFile();
    const file = parseKeyFile(readFileSync(path, 'utf8'), path);
    if (!argument || !(argument in file.keys)) fail(`Usage: npm run keys -- retire <key id>; the keys are ${Object.keys(file.keys).join(', ')}`);
    if (argument === file.current) fail('The current key cannot be retired; rotate first.');
    await withStore(Keyring.fromFile(path), async (store) => {
      const still = (await store.keyUse()).get(argument) ?? 0;
      if (still > 0) fail(`${still} bookings are still sealed under ${argument}: run \`npm run keys -- reencrypt\` first.`);
      const { [argument]: _retired, ...keys } = file.keys;
      writeKeyFile(path, { ...file, keys });
      log('keys.retired', { key: argument });
    });
    break;
  }
  default:
    fail('Usage: npm run keys -- new <file> | status | rotate | reencrypt | retire <key id>');
}
