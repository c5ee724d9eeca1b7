import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendError } from '../../src/intake/mail';
import { readSmsConfig, smsSender } from '../../src/intake/sms';

/** A local server that speaks 46elks's SMS API: POST /a1/sms, Basic auth, a form with from, to and message. */
describe('SMS through 46elks', () => {
  const received: { auth: string | undefined; form: URLSearchParams }[] = [];
  let status = 200;
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.method !== 'POST' || req.url !== '/a1/sms' || !req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      res.writeHead(404).end();
      return;
    }
    const form = new URLSearchParams(body);
    received.push({ auth: req.headers.authorization, form });
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'text/plain' }).end('Invalid to number');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 's1', status: 'created', to: form.get('to'), from: form.get('from'), parts: 1 }));
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/a1/sms`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sender = () => smsSender(readSmsConfig({ SMS_PROVIDER: '46elks', SMS_API_URL: url, SMS_API_USER: 'u123', SMS_API_PASSWORD: 'secret', SMS_FROM: 'Jobbtorg' }), '/nonexistent');

  it('posts the text to the number with the account’s credentials', async () => {
    const text = 'Jobbtorg Stockholm: لديك موعد. الحجز \u2066JT-AB2345\u2069.';
    expect(await sender().send({ id: 'm1', to: '+46701234567', content: text })).toEqual({ kind: 'sent' });
    const [request] = received;
    expect(request!.auth).toBe(`Basic ${Buffer.from('u123:secret').toString('base64')}`);
    expect(Object.fromEntries(request!.form)).toEqual({ from: 'Jobbtorg', to: '+46701234567', message: text });
  });

  it('a refused number is permanent; the provider down is tried again', async () => {
    status = 403;
    await expect(sender().send({ id: 'm2', to: '+1', content: 'x' })).rejects.toEqual(new SendError('sms_403', true));
    status = 503;
    await expect(sender().send({ id: 'm3', to: '+46701234567', content: 'x' })).rejects.toMatchObject({ code: 'sms_503', permanent: false });
    status = 200;
    const down = smsSender(readSmsConfig({ SMS_PROVIDER: '46elks', SMS_API_URL: 'http://127.0.0.1:1/a1/sms' }), '/nonexistent');
    await expect(down.send({ id: 'm4', to: '+46701234567', content: 'x' })).rejects.toMatchObject({ code: 'sms_unreachable', permanent: false });
  });
});
