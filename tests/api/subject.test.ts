import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';

/** `npm run intake:subject -- …` beside the running portal, on its database; resolves with exit code and output. */
function subject(dataDir: string, args: string[], input?: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['scripts/intake-subject.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.stdin.end(input ?? '');
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

interface Exported {
  format: string;
  bookings: { reference: string; name: string; email: string | null; phone: string | null; needs: string | null; detailsErasedAt: string | null; meeting: { start: string } }[];
}

// Each command is a process of its own, a few seconds to start on a busy machine.
describe('resident rights (npm run intake:subject)', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-'));
  const tag = randomUUID().slice(0, 8);
  const person = { name: `Rätt Person ${tag}`, email: `Ratt-${tag}@Example.se`, needs: `Syntolkning ${tag}` };
  let server: TestServer;
  const references: string[] = [];
  let slotIds: string[] = [];

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: dataDir });
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = (await (await fetch(`${server.url}/api/slots?location=vallingby&type=intro&from=${from}&to=${to}`)).json()) as { slots: { id: string }[] };
    slotIds = slots.slice(0, 3).map((s) => s.id);
    // Two bookings by the person (the e-mail typed differently), one by someone else.
    const bodies = [
      { name: person.name, email: person.email, phone: '070-999 88 77', needs: person.needs },
      { name: person.name, email: ` ${person.email.toLowerCase()} ` },
      { name: `Annan ${tag}`, email: `annan-${tag}@example.se` },
    ];
    for (const [i, body] of bodies.entries()) {
      const res = await fetch(`${server.url}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slotId: slotIds[i], language: 'sv', consent: true, ...body }),
      });
      expect(res.status).toBe(201);
      references.push(((await res.json()) as { reference: string }).reference);
    }
  });
  afterAll(async () => server?.stop());

  const remaining = async () => {
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = (await (await fetch(`${server.url}/api/slots?location=vallingby&type=intro&from=${from}&to=${to}`)).json()) as { slots: { id: string; remaining: number }[] };
    return slotIds.map((id) => slots.find((s) => s.id === id)?.remaining ?? 0);
  };

  it('exports everything stored about a person found by exact e-mail (any case) or phone, as a file only they get', async () => {
    const out = join(dataDir, '..', `export-${tag}.json`);
    const byEmail = await subject(dataDir, ['export', '--email', '-', '--out', out, '--actor', 'handläggare-7'], person.email.toUpperCase());
    expect(byEmail.code, byEmail.output).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(out, 'utf8')) as Exported;
    expect(file.format).toBe('jobbtorg-subject-export/1');
    expect(file.bookings.map((b) => b.reference).sort()).toEqual(references.slice(0, 2).sort());
    expect(file.bookings).toContainEqual(expect.objectContaining({ name: person.name, phone: '+46709998877', needs: person.needs }));
    // The log says who exported which bookings, and nothing personal.
    expect(byEmail.output).toContain('"subject.exported"');
    expect(byEmail.output).toContain('handläggare-7');
    for (const secret of [person.name, person.email, person.email.toLowerCase(), person.needs]) expect(byEmail.output).not.toContain(secret);

    const byPhone = await subject(dataDir, ['export', '--phone', '+46 70 999 88 77', '--out', out, '--actor', 'handläggare-7']);
    expect(byPhone.code, byPhone.output).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Exported).bookings.map((b) => b.reference)).toEqual([references[0]]);
  });

  it('erases a booking’s details on request and keeps its seat; the file holds them no more', async () => {
    const before = await remaining();
    const erased = await subject(dataDir, ['erase', '--reference', references[0]!, '--actor', 'handläggare-7', '--reason', 'begäran 2026-12']);
    expect(erased.code, erased.output).toBe(0);
    expect(erased.output).toContain('"subject.erased"');
    expect(await remaining()).toEqual(before);
    const out = join(dataDir, '..', `export-ref-${tag}.json`);
    expect((await subject(dataDir, ['export', '--reference', references[0]!, '--out', out, '--actor', 'handläggare-7'])).code).toBe(0);
    const [booking] = (JSON.parse(readFileSync(out, 'utf8')) as Exported).bookings;
    expect(booking).toMatchObject({ reference: references[0], name: '', email: null, phone: null, needs: null });
    expect(booking!.detailsErasedAt).not.toBeNull();
    // No longer found by the phone: its keyed hash went with the details.
    expect((await subject(dataDir, ['export', '--phone', '070-999 88 77', '--out', out, '--actor', 'handläggare-7'])).code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Exported).bookings).toEqual([]);
  });
});
