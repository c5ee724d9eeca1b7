import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Email } from './message-render.ts';

/** A message on its way out: its outbox id (also its Message-ID, so a receiver can tell a repeat), the address and the words. */
export interface Outgoing<T> {
  id: string;
  to: string;
  content: T;
}

/** What became of a message handed to a channel: delivered to the provider, or written to a file because none is configured. */
export type Delivery = { kind: 'sent' } | { kind: 'written'; file: string };

/** A failed hand-over, as a code for the outbox row (never an address); permanent failures are not retried. */
export class SendError extends Error {
  readonly code: string;
  readonly permanent: boolean;
  constructor(code: string, permanent: boolean) {
    super(code);
    this.code = code;
    this.permanent = permanent;
  }
}

export interface Sender<T> {
  send(message: Outgoing<T>): Promise<Delivery>;
  close(): void;
}

/** Where messages go when no provider is configured: DATA_DIR/outbox/, one file each, named by the outbox id. */
export const outboxFolder = (dataDir: string) => join(dataDir, 'outbox');

/**
 * E-mail through nodemailer: SMTP at `smtpUrl`, or, without one (the embedded
 * default), the same raw message written as an .eml file.
 */
export function emailSender(options: { smtpUrl: string | undefined; from: string; dataDir: string; host: string }): Sender<Email> {
  const transport = options.smtpUrl
    ? // Bounded waits: a server that hangs fails the attempt (retried later) instead of holding the worker.
      nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send({ id, to, content }) {
      const mail = {
        from: options.from,
        to,
        subject: content.subject,
        text: content.text,
        html: content.html,
        messageId: `<${id}@${options.host}>`,
        // Transactional: no auto-replies back, and no list or tracking headers.
        headers: { 'Auto-Submitted': 'auto-generated' },
        attachments: content.ics ? [{ filename: 'jobbtorg.ics', content: content.ics, contentType: 'text/calendar; charset=utf-8' }] : [],
      };
      let info;
      try {
        info = await transport.sendMail(mail);
      } catch (error) {
        throw smtpError(error);
      }
      if (options.smtpUrl) return { kind: 'sent' };
      const folder = outboxFolder(options.dataDir);
      await mkdir(folder, { recursive: true });
      const file = join(folder, `${id}.eml`);
      await writeFile(file, (info as { message: Buffer }).message);
      return { kind: 'written', file };
    },
    close() {
      transport.close();
    },
  };
}

/** nodemailer's error as a code: the SMTP reply code when there is one (5xx is permanent), else its own code. */
function smtpError(error: unknown): SendError {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return new SendError(`smtp_${e.responseCode}`, e.responseCode >= 500 && e.responseCode < 600);
  return new SendError(typeof e.code === 'string' ? e.code.toLowerCase() : 'smtp_error', false);
}
