import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshSchema, postgresUrl } from './postgres';
import { foundInPostgresDump, foundInSqliteFiles } from './raw';
import { startServer, type TestServer } from './server';
import { integrationKey, signedInStaff } from '../staff-client';

/** An integration key for Kista, made by an admin through the staff workspace. */
async function kistaKey(server: TestServer, env: Record<string, string>): Promise<string> {
  const admin = await signedInStaff(server.url, env, `admin-${randomUUID().slice(0, 8)}@stad.example`, 'admin');
  return integrationKey(admin, 'sealing test', ['kista']);
}

/** Two test people, with details that appear nowhere else: a copy of the database alone must show none of them. */
const people = () => {
  const tag = randomUUID().slice(0, 8);
  return [
    { name: `Sigrid Förseglad ${tag}`, email: `sigrid-${tag}@example.se`, phone: '070-123 45 67', typedPhone: '0701234567', stored: '+46701234567', needs: `Hörselslinga ${tag}`, interpreterLanguage: `tigrinska-${tag}` },
    { name: `Abdi Förseglad ${tag}`, email: `abdi-${tag}@example.se`, phone: '+46 73 765 43 21', typedPhone: '737654321', stored: '+46737654321', needs: `Rullstol ${tag}`, interpreterLanguage: `somaliska-${tag}` },
  ];
};
type Person = ReturnType<typeof people>[number];
const secretsOf = (list: Person[]) => list.flatMap((p) => [p.name, p.email, p.phone, p.typedPhone, p.stored, p.needs, p.interpreterLanguage]);

/** Books each person into a free slot through the API and reads them back through the staff API, in plain text. */
async function bookAndReadBack(server: TestServer, list: Person[], key: string) {
  const from = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = (await (await fetch(`${server.url}/api/slots?location=kista&type=intro&from=${from}&to=${to}`)).json()) as { slots: { id: string; start: string; remaining: number }[] };
  const free = slots.filter((s) => s.remaining > 0);
  for (const [i, p] of list.entries()) {
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slotId: free[i]!.id, name: p.name, email: p.email, phone: p.phone, language: 'sv', interpreter: true, interpreterLanguage: p.interpreterLanguage, needs: p.needs, consent: true }),
    });
    expect(res.status).toBe(201);
    const day = free[i]!.start.slice(0, 10);
    const staff = await fetch(`${server.url}/api/staff/bookings?location=kista&date=${day}`, { headers: { authorization: `Bearer ${key}` } });
    const { bookings } = (await staff.json()) as { bookings: Record<string, unknown>[] };
    expect(bookings).toContainEqual(expect.objectContaining({ name: p.name, email: p.email, phone: p.stored, needs: p.needs, interpreterLanguage: p.interpreterLanguage }));
  }
}

// Each test starts a server of its own.
describe('personal data sealed at rest', { timeout: 60_000 }, () => {
  it('SQLite: the database files hold no name, e-mail, phone, needs or interpreter language; the key file is made, mode 0600, and logged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-'));
    const list = people();
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      await bookAndReadBack(server, list, await kistaKey(server, { DATA_DIR: dataDir }));
      expect(foundInSqliteFiles(dataDir, secretsOf(list))).toEqual([]);
    } finally {
      await server.stop();
    }
    expect(foundInSqliteFiles(dataDir, secretsOf(list))).toEqual([]);
    expect(statSync(join(dataDir, 'data-key.json')).mode & 0o777).toBe(0o600);
    const created = server.log().split('\n').find((l) => l.includes('"keys.created"'));
    expect(created).toContain(join(dataDir, 'data-key.json'));
    expect(created).toContain('Back it up');
  });

  it('PostgreSQL: a pg_dump holds none of them either', async () => {
    const schema = await freshSchema();
    if (!schema) {
      if (process.env.CI === 'true') throw new Error('PostgreSQL is required under CI=true');
      return console.warn('PostgreSQL not reachable: the pg_dump check is skipped');
    }
    const list = people();
    const env = { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema };
    const server = await startServer(env);
    try {
      await bookAndReadBack(server, list, await kistaKey(server, env));
      expect(foundInPostgresDump(schema, secretsOf(list))).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('in production, refuses to start without a data key, and says which setting to give', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-'));
    const child = spawn(process.execPath, ['scripts/server.mjs'], {
      env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, DATA_KEY: '', DATA_KEY_FILE: '', HOST: '127.0.0.1', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('DATA_KEY');
    expect(output).toContain('DATA_KEY_FILE');
    expect(output).not.toContain('server.ready');
    expect(() => statSync(join(dataDir, 'data-key.json'))).toThrow();
  });
});
