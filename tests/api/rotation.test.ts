import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/intake/db';
import { Keyring, newKeyFile, writeKeyFile } from '../../src/intake/keyring';
import { freshSchema, postgresUrl } from './postgres';
import { startServer, type TestServer } from './server';

const schema = await freshSchema();
if (!schema && process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true and ${postgresUrl} does not answer`);

/** `npm run keys -- rotate` as an operator runs it, beside the portal; resolves with its exit code and output. */
function rotate(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['scripts/keys.ts', 'rotate'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe.skipIf(!schema)('key rotation', () => {
  it('under load, on two instances sharing a key file, leaves every booking readable and every one under the new key', async () => {
    const keyPath = join(mkdtempSync(join(tmpdir(), 'keys-')), 'data-key.json');
    const first = newKeyFile();
    writeKeyFile(keyPath, first);
    const env = { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema!, DATA_KEY_FILE: keyPath, BOOKING_RATE_LIMIT: '100000' };
    const instances: TestServer[] = await Promise.all([startServer(env), startServer(env)]);
    const tag = randomUUID().slice(0, 8);
    try {
      const from = new Date().toISOString().slice(0, 10);
      const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
      const slots: string[] = [];
      for (const location of ['kista', 'vallingby', 'kungsholmen']) {
        const res = await fetch(`${instances[0]!.url}/api/slots?location=${location}&type=intro&from=${from}&to=${to}`);
        slots.push(...((await res.json()) as { slots: { id: string }[] }).slots.map((s) => s.id));
      }
      const accepted: { reference: string; icsUrl: string; name: string }[] = [];
      let n = 0;
      const bookOne = async () => {
        const i = n++;
        const name = `Roterad ${tag} ${i}`;
        const res = await fetch(`${instances[i % 2]!.url}/api/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ slotId: slots[i], name, phone: '070-111 22 33', needs: `Behov ${tag}`, language: 'sv', consent: true }),
        });
        expect(res.status).toBe(201);
        accepted.push({ ...((await res.json()) as { reference: string; icsUrl: string }), name });
      };
      // Bookings under the first key, then more while the rotation runs.
      await Promise.all(Array.from({ length: 30 }, bookOne));
      let rotating = true;
      const rotation = rotate({ ...env, KEYS_BATCH: '7' }).finally(() => (rotating = false));
      const load = async () => {
        while (rotating && n < slots.length - 1) await bookOne();
      };
      await Promise.all([load(), load(), load()]);
      const { code, output } = await rotation;
      expect(code, output).toBe(0);
      expect(output).toContain('"keys.rotate_done"');
      expect(accepted.length).toBeGreaterThan(30);

      const keyring = Keyring.fromFile(keyPath);
      expect(keyring.current).not.toBe(first.current);
      const store = openStore({ databaseUrl: postgresUrl, databaseSchema: schema!, dataDir: '' }, keyring);
      try {
        expect([...(await store.keyUse()).keys()]).toEqual([keyring.current]);
        for (const b of accepted) expect(await store.find(b.reference)).toMatchObject({ name: b.name, phone: '+46701112233', needs: `Behov ${tag}` });
      } finally {
        await store.close();
      }
      // The running instances read them too: the calendar file opens only when the booking maps whole.
      for (const [i, b] of accepted.entries()) expect((await fetch(`${instances[i % 2]!.url}${b.icsUrl}`)).status).toBe(200);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
    // A command of its own starts (a few seconds on a busy machine), then waits out the instances' key-file check.
  }, 90_000);
});
