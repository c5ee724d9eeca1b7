import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingRequest } from '../../src/intake/booking-schema';
import { linkToken, newReference, requestHash, sha256 } from '../../src/intake/booking';
import { readConfig } from '../../src/intake/config';
import { openStore } from '../../src/intake/db';
import { newKeyFile, openKeyring } from '../../src/intake/keyring';
import { messageString } from '../../src/intake/message-strings';
import { reminderDue } from '../../src/intake/outbox';
import type { IntakeStore } from '../../src/intake/store';
import { OutboxWorker } from '../../src/intake/worker';
import { freshSchema, postgresUrl } from './postgres';
import { freePort, startServer, type TestServer } from './server';
import { integrationKey, signedInStaff } from '../staff-client';
import { testSmtp, until, type TestSmtp } from './smtp';

/**
 * The outbox end to end: bookings and cancellations write their messages in
 * the same transaction, workers (in the server, alone, two at once) deliver
 * them to a real SMTP server once each, through failures and a kill.
 */

const fast = { OUTBOX_POLL_SECONDS: '0.2', OUTBOX_RETRY_SECONDS: '0.3', OUTBOX_LEASE_SECONDS: '60' };

/** A worker process alone (`npm run worker`), with its captured log. */
async function startWorker(env: Record<string, string>) {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/worker.ts'], { env: { ...process.env, ...fast, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await until('the worker to start', () => output.includes('"worker.ready"') || child.exitCode !== null, 60_000).catch((error: Error) => {
    throw new Error(`${error.message}:\n${output}`);
  });
  if (child.exitCode !== null) throw new Error(`worker did not start:\n${output}`);
  return {
    log: () => output,
    kill: (signal: NodeJS.Signals) =>
      new Promise<void>((resolve) => {
        // A process ended by a signal has no exit code, only its signal.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** A booking written straight through the store, as the booking service does, asking for e-mail. */
async function bookDirect(store: IntakeStore, email: string, daysAhead: number, seat: number) {
  const start = new Date(Date.now() + daysAhead * 86_400_000);
  const slotId = `kista.intro.msg${seat}${Date.now()}`;
  const request = bookingRequest.parse({ slotId, name: 'Brevtest', email, notifyEmail: true, language: 'sv', locale: 'en', consent: true });
  const reference = newReference();
  const result = await store.book({
    reference,
    cancelTokenHash: sha256(linkToken(await store.tokenSecret(), reference)),
    request,
    slot: () => ({ id: slotId, location: 'kista', type: 'intro', start, end: new Date(start.getTime() + 45 * 60_000), capacity: 1 }),
    idempotencyKey: undefined,
    requestHash: requestHash(request),
    now: new Date(),
    outbox: { reminderHours: 24 },
  });
  if (result.kind !== 'created') throw new Error(result.kind);
  return result.booking;
}

const withId = (smtp: TestSmtp, id: string) => smtp.received.filter((m) => m.messageId === `<${id}@localhost>`);

describe('messages through the portal (SQLite)', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let store: IntakeStore;
  /** An integration key, as an operator's monitoring holds one. */
  let operatorKey: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-msg-'));

  beforeAll(async () => {
    smtp = testSmtp(await freePort());
    await smtp.listen();
    server = await startServer({ ...fast, DATA_DIR: dataDir, SMTP_URL: smtp.url, BOOKING_RATE_LIMIT: '1000', SITE_URL: 'http://localhost' });
    const admin = await signedInStaff(server.url, { DATA_DIR: dataDir }, 'admin-messages@stad.example', 'admin');
    operatorKey = await integrationKey(admin, 'monitoring', ['kista']);
    // The key file the server made: the test reads the same bookings.
    store = openStore({ dataDir, databaseUrl: undefined, databaseSchema: undefined }, openKeyring(readConfig({ DATA_DIR: dataDir })));
  }, 90_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
    await smtp?.stop();
  });

  /** A free Kista slot at least three days ahead, so its reminder is still to come. */
  async function slotAhead(skip: number) {
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${server.url}/api/slots?location=kista&type=intro&from=${from}&to=${to}`);
    const { slots } = (await res.json()) as { slots: { id: string; start: string; remaining: number }[] };
    return slots.filter((s) => s.remaining > 0 && Date.parse(s.start) > Date.now() + 3 * 86_400_000)[skip]!;
  }

  it('an Arabic booking’s confirmation arrives once, in Arabic, right to left, with a calendar file; its cancellation drops the reminder', async () => {
    const slot = await slotAhead(0);
    const email = 'arabic-resident@example.se';
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slotId: slot.id, name: 'Test', email, notifyEmail: true, notifySms: true, language: 'ar', locale: 'ar', consent: true, website: '' }),
    });
    expect(res.status).toBe(201);
    const { reference, cancelUrl } = (await res.json()) as { reference: string; cancelUrl: string };

    // Written with the booking: a confirmation now and a reminder the day before, e-mail only (no phone given).
    const queued = await store.messagesOf(reference);
    expect(queued.map((m) => [m.kind, m.channel, m.locale])).toEqual([
      ['confirmation', 'email', 'ar'],
      ['reminder', 'email', 'ar'],
    ]);
    const [confirmation, reminder] = queued as [(typeof queued)[0], (typeof queued)[0]];
    expect(reminder.dueAt).toEqual(reminderDue(new Date(slot.start), 24));

    await until('the confirmation to be sent', async () => (await store.messagesOf(reference))[0]!.state === 'sent');
    const mails = withId(smtp, confirmation.id);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect((mail.to as { text: string }).text).toBe(email);
    expect(mail.subject).toMatch(/[\u0600-\u06ff]/);
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.html).toContain('lang="ar"');
    expect(mail.text).toContain(reference);
    expect(mail.text).not.toContain('Test');
    const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
    const event = new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(`${reference}@localhost`);
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(new Date(slot.start).toISOString());

    const token = new URL(cancelUrl, server.url).searchParams.get('token');
    expect((await fetch(`${server.url}/api/bookings/${reference}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) })).status).toBe(200);
    await until('the cancellation to be sent', async () => (await store.messagesOf(reference)).some((m) => m.kind === 'cancelled' && m.state === 'sent'));
    const after = await store.messagesOf(reference);
    expect(after.find((m) => m.id === reminder.id)!.state).toBe('dropped');
    const receipt = after.find((m) => m.kind === 'cancelled')!;
    expect(withId(smtp, receipt.id)[0]!.html).toContain('dir="rtl"');

    // Even a worker whose clock says the reminder is due finds nothing to send.
    const worker = new OutboxWorker(store, { ...readConfig({ SITE_URL: 'http://localhost' }), smtpUrl: smtp.url });
    expect(await worker.runOnce(new Date(reminder.dueAt.getTime() + 60_000))).toBe(0);
    await worker.stop();
    expect(withId(smtp, reminder.id)).toHaveLength(0);
  });

  it('sends the reminder when its time comes (a worker with a fixed clock), rendered from the booking as it is then', async () => {
    const slot = await slotAhead(1);
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slotId: slot.id, name: 'Test', email: 'reminded@example.se', notifyEmail: true, language: 'fi', locale: 'fi', consent: true, website: '' }),
    });
    const { reference } = (await res.json()) as { reference: string };
    const reminder = (await store.messagesOf(reference)).find((m) => m.kind === 'reminder')!;
    const worker = new OutboxWorker(store, { ...readConfig({ SITE_URL: 'http://localhost' }), smtpUrl: smtp.url });
    // A minute early: not yet.
    await worker.runOnce(new Date(reminder.dueAt.getTime() - 60_000));
    expect((await store.messagesOf(reference)).find((m) => m.id === reminder.id)!.state).toBe('queued');
    await worker.runOnce(reminder.dueAt);
    await worker.stop();
    expect((await store.messagesOf(reference)).find((m) => m.id === reminder.id)!.state).toBe('sent');
    const [mail] = withId(smtp, reminder.id);
    expect(mail!.html).toContain('lang="fi" dir="ltr"');
    expect(mail!.subject).toContain('Muistutus');
  });

  it('a move by the resident sends a changed message with the new time and moves the reminder', async () => {
    const [from, to] = [await slotAhead(2), await slotAhead(3)];
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slotId: from.id, name: 'Test', email: 'moved@example.se', notifyEmail: true, language: 'sv', locale: 'sv', consent: true, website: '' }),
    });
    const { reference, icsUrl } = (await res.json()) as { reference: string; icsUrl: string };
    const token = new URL(icsUrl, server.url).searchParams.get('token');
    const oldReminder = (await store.messagesOf(reference)).find((m) => m.kind === 'reminder')!;
    const moved = await fetch(`${server.url}/api/bookings/${reference}/move`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, slotId: to.id }) });
    expect(moved.status).toBe(200);
    await until('the changed message to be sent', async () => (await store.messagesOf(reference)).some((m) => m.kind === 'changed' && m.state === 'sent'));
    const messages = await store.messagesOf(reference);
    expect(messages.find((m) => m.id === oldReminder.id)!.state).toBe('dropped');
    expect(messages.filter((m) => m.kind === 'reminder' && m.state === 'queued').map((m) => m.dueAt)).toEqual([reminderDue(new Date(to.start), 24)]);
    const [mail] = withId(smtp, messages.find((m) => m.kind === 'changed')!.id);
    expect(mail!.text).toContain(messageString('sv', 'email.lead.changed.resident'));
    expect(mail!.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
  });

  it('sends nothing for a booking whose details were erased: the erasure drops its queued messages, the worker drops any left', async () => {
    const booking = await bookDirect(store, 'erased-resident@example.se', 5, 90);
    const reminder = (await store.messagesOf(booking.reference)).find((m) => m.kind === 'reminder')!;
    expect(reminder.state).toBe('queued');
    expect(await store.erase(booking.reference, new Date())).toBe(true);
    expect((await store.messagesOf(booking.reference)).find((m) => m.id === reminder.id)).toMatchObject({ state: 'dropped', errorCode: 'booking_erased' });

    // A message queued again behind the erasure's back (as one erased by an earlier build would be): no contact to write to.
    const raw = new DatabaseSync(join(dataDir, 'intake.db'));
    raw.prepare("update messages set state = 'queued', error_code = null where id = ?").run(reminder.id);
    raw.close();
    const worker = new OutboxWorker(store, { ...readConfig({ SITE_URL: 'http://localhost' }), smtpUrl: smtp.url });
    await worker.runOnce(new Date(reminder.dueAt.getTime() + 60_000));
    await worker.stop();
    expect((await store.messagesOf(booking.reference)).find((m) => m.id === reminder.id)).toMatchObject({ state: 'dropped', errorCode: 'booking_erased' });
    expect(withId(smtp, reminder.id)).toHaveLength(0);
  });

  it('counts messages per state in the operators’ health detail, and nowhere else', async () => {
    const plain = (await (await fetch(`${server.url}/api/health`)).json()) as Record<string, unknown>;
    expect(plain).toEqual({ status: 'ok', db: 'sqlite' });
    const detail = (await (await fetch(`${server.url}/api/health`, { headers: { authorization: `Bearer ${operatorKey}` } })).json()) as {
      messages: Record<string, number>;
    };
    expect(detail.messages.sent).toBeGreaterThanOrEqual(3);
    expect(detail.messages.dropped).toBeGreaterThanOrEqual(1);
    expect(Object.keys(detail.messages).sort()).toEqual(['dead', 'dropped', 'failed', 'queued', 'sent']);
    // The log names messages by id and reference only.
    expect(server.log()).toContain('"event":"message.sent"');
    expect(server.log()).not.toContain('arabic-resident@example.se');
  });
});

describe('the worker alone (npm run worker) on SQLite', () => {
  it('SMTP down: retried, then delivered once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-msg-'));
    const store = openStore({ dataDir, databaseUrl: undefined, databaseSchema: undefined }, openKeyring(readConfig({ DATA_DIR: dataDir })));
    await store.migrate();
    const smtp = testSmtp(await freePort());
    const worker = await startWorker({ DATA_DIR: dataDir, SMTP_URL: smtp.url });
    try {
      const booking = await bookDirect(store, 'down@example.se', 10, 1);
      const [confirmation] = await store.messagesOf(booking.reference);
      await until('a failed attempt', async () => (await store.messagesOf(booking.reference))[0]!.state === 'failed');
      expect((await store.messagesOf(booking.reference))[0]!.errorCode).toBeTruthy();
      await smtp.listen();
      await until('delivery', async () => (await store.messagesOf(booking.reference))[0]!.state === 'sent');
      expect((await store.messagesOf(booking.reference))[0]!.attempts).toBeGreaterThanOrEqual(2);
      expect(withId(smtp, confirmation!.id)).toHaveLength(1);
      expect(worker.log()).toContain('"event":"message.failed"');
      expect(worker.log()).not.toContain('down@example.se');
    } finally {
      await worker.kill('SIGTERM');
      await smtp.stop();
      await store.close();
    }
  }, 120_000);

  it('a worker process killed (SIGKILL) in the middle of a send: the next worker delivers the message once its lease ends', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-msg-'));
    const store = openStore({ dataDir, databaseUrl: undefined, databaseSchema: undefined }, openKeyring(readConfig({ DATA_DIR: dataDir })));
    await store.migrate();
    // A mail server that takes the message and never answers: the first worker is stuck mid-send.
    let stuck = false;
    const stalling = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      disableReverseLookup: true,
      closeTimeout: 100,
      onData(stream) {
        stuck = true;
        stream.resume();
      },
    });
    // The killed worker's connection ends with a reset.
    stalling.on('error', () => {});
    const stallingPort = await freePort();
    await new Promise<void>((resolve) => stalling.listen(stallingPort, '127.0.0.1', () => resolve()));
    const smtp = testSmtp(await freePort());
    await smtp.listen();
    const lease = { OUTBOX_LEASE_SECONDS: '3' };
    const first = await startWorker({ ...lease, DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${stallingPort}` });
    let second: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const booking = await bookDirect(store, 'killed-mid-send@example.se', 10, 3);
      await until('the first worker to be mid-send', () => stuck);
      await first.kill('SIGKILL');
      second = await startWorker({ ...lease, DATA_DIR: dataDir, SMTP_URL: smtp.url });
      await until('delivery by the second worker', () => smtp.received.length > 0);
      await until('the delivery recorded', async () => (await store.messagesOf(booking.reference))[0]!.state === 'sent');
      const [message] = await store.messagesOf(booking.reference);
      expect(message!.attempts).toBe(2);
      expect(withId(smtp, message!.id)).toHaveLength(1);
    } finally {
      await first.kill('SIGKILL');
      await second?.kill('SIGKILL');
      await new Promise<void>((resolve) => stalling.close(() => resolve()));
      await smtp.stop();
      await store.close();
    }
  }, 90_000);

  it('a worker killed mid-send loses nothing: once its lease ends, the next worker delivers the message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-msg-'));
    const store = openStore({ dataDir, databaseUrl: undefined, databaseSchema: undefined }, openKeyring(readConfig({ DATA_DIR: dataDir })));
    await store.migrate();
    const smtp = testSmtp(await freePort());
    await smtp.listen();
    const worker = new OutboxWorker(store, { ...readConfig({}), smtpUrl: smtp.url, workerLeaseSeconds: 60 });
    try {
      const booking = await bookDirect(store, 'killed@example.se', 10, 2);
      // The first worker claims the message and dies before it records anything.
      const now = new Date();
      const [claimed] = await store.claimDue(now, new Date(now.getTime() + 60_000), 1);
      expect(claimed!.reference).toBe(booking.reference);
      // While its lease runs, no one else takes it; after, the next worker does, once.
      expect(await worker.runOnce(new Date(now.getTime() + 30_000))).toBe(0);
      expect(await worker.runOnce(new Date(now.getTime() + 61_000))).toBe(1);
      const [message] = await store.messagesOf(booking.reference);
      expect(message).toMatchObject({ state: 'sent', attempts: 2 });
      expect(withId(smtp, message!.id)).toHaveLength(1);
      // The dead worker's late word cannot undo the delivery.
      expect(await store.settle(claimed!, { state: 'failed', errorCode: 'late', retryAt: new Date() })).toBe(false);
    } finally {
      await worker.stop();
      await smtp.stop();
      await store.close();
    }
  });
});

const schema = await freshSchema();
describe.skipIf(!schema)('two workers on PostgreSQL', () => {
  it('send each message exactly once', async () => {
    // Every process on one database holds the same keys.
    const dataKey = JSON.stringify(newKeyFile());
    const env = { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema!, DATA_KEY: dataKey };
    const store = openStore({ databaseUrl: postgresUrl, databaseSchema: schema, dataDir: '' }, openKeyring(readConfig({ DATA_KEY: dataKey })));
    await store.migrate();
    const smtp = testSmtp(await freePort());
    await smtp.listen();
    const bookings = [];
    for (let i = 0; i < 30; i += 1) bookings.push(await bookDirect(store, `pg-${i}@example.se`, 10, 100 + i));
    const workers = await Promise.all([startWorker({ ...env, SMTP_URL: smtp.url }), startWorker({ ...env, SMTP_URL: smtp.url })]);
    try {
      await until('every confirmation to be sent', async () => (await store.messageCounts()).sent === 30, 60_000);
      expect(smtp.received).toHaveLength(30);
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(30);
      expect(new Set(smtp.received.map((m) => (m.to as { text: string }).text))).toEqual(new Set(bookings.map((b) => b.email)));
    } finally {
      await Promise.all(workers.map((w) => w.kill('SIGTERM')));
      await smtp.stop();
      await store.close();
    }
  }, 120_000);
});
if (!schema && process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true and ${postgresUrl} does not answer`);
