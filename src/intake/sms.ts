import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { outboxFolder, SendError, type Sender } from './mail.ts';

/** The SMS provider settings (SMS_* variables); without a provider each SMS is written under DATA_DIR/outbox/. */
export interface SmsConfig {
  provider: '46elks' | undefined;
  apiUrl: string;
  user: string | undefined;
  password: string | undefined;
  /** The sender shown on the phone: up to 11 letters and digits, or a number. */
  from: string;
}

export function readSmsConfig(env: NodeJS.ProcessEnv): SmsConfig {
  return {
    provider: env.SMS_PROVIDER === '46elks' ? '46elks' : undefined,
    apiUrl: env.SMS_API_URL || 'https://api.46elks.com/a1/sms',
    user: env.SMS_API_USER || undefined,
    password: env.SMS_API_PASSWORD || undefined,
    from: env.SMS_FROM || 'Jobbtorg',
  };
}

export function smsSender(config: SmsConfig, dataDir: string): Sender<string> {
  if (config.provider === '46elks') return elks(config);
  return {
    async send({ id, to, content }) {
      const folder = outboxFolder(dataDir);
      await mkdir(folder, { recursive: true });
      const file = join(folder, `${id}.sms.txt`);
      await writeFile(file, `To: ${to}\n\n${content}\n`);
      return { kind: 'written', file };
    },
    close() {},
  };
}

/**
 * 46elks (a Swedish SMS provider): POST /a1/sms, a form with from, to and
 * message, HTTP Basic auth with the API user and password; 200 with the
 * message's JSON when accepted. 4xx is a request the provider will never take
 * (a bad number, no credit): permanent; anything else is tried again.
 */
function elks(config: SmsConfig): Sender<string> {
  const auth = `Basic ${Buffer.from(`${config.user ?? ''}:${config.password ?? ''}`).toString('base64')}`;
  return {
    async send({ to, content }) {
      let res: Response;
      try {
        res = await fetch(config.apiUrl, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ from: config.from, to, message: content }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch {
        throw new SendError('sms_unreachable', false);
      }
      await res.body?.cancel().catch(() => {});
      if (res.ok) return { kind: 'sent' };
      throw new SendError(`sms_${res.status}`, res.status >= 400 && res.status < 500 && res.status !== 429);
    },
    close() {},
  };
}
