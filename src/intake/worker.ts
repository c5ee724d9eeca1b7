import { linkToken, sha256 } from './booking.ts';
import type { IntakeConfig } from './config.ts';
import { log } from './log.ts';
import { emailSender, SendError, type Delivery, type Sender } from './mail.ts';
import { renderEmail, renderSms, type Email } from './message-render.ts';
import { retryAt } from './outbox.ts';
import { smsSender } from './sms.ts';
import type { IntakeStore, Message } from './store.ts';

/** Messages claimed per look; the rest wait for the next one. */
const BATCH = 20;

export type WorkerConfig = Pick<
  IntakeConfig,
  'siteUrl' | 'smtpUrl' | 'mailFrom' | 'dataDir' | 'workerPollSeconds' | 'workerLeaseSeconds' | 'retrySeconds' | 'maxAttempts' | 'sms'
>;

/**
 * The outbox worker: claims due messages, renders each from its booking as it
 * is now, hands it to its channel and records the outcome. Runs in the server
 * process and alone (`npm run worker`); on PostgreSQL any number of them share
 * the work (store.claimDue). A message whose booking was cancelled, moved past
 * it, erased or purged is dropped, not sent.
 */
export class OutboxWorker {
  private readonly store: IntakeStore;
  private readonly config: WorkerConfig;
  private readonly senders: { email: Sender<Email>; sms: Sender<string> };
  private readonly host: string;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(store: IntakeStore, config: WorkerConfig) {
    this.store = store;
    this.config = config;
    this.host = new URL(config.siteUrl).hostname;
    this.senders = {
      email: emailSender({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir, host: this.host }),
      sms: smsSender(config.sms, config.dataDir),
    };
  }

  /** Looks for due messages now and then every poll interval, until stop(). */
  start(): this {
    this.#schedule(0);
    return this;
  }

  /** A change has just queued a message: look now rather than at the next interval. */
  nudge(): void {
    if (!this.#stopped) this.#schedule(0);
  }

  /** Stops looking and waits for the sends under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    this.senders.email.close();
    this.senders.sms.close();
  }

  #schedule(ms: number) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), ms);
    // The worker never keeps a process alive on its own.
    this.#timer.unref();
  }

  async #tick() {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.runOnce(new Date())
      .then((count) => {
        // A full batch: there may be more due.
        this.#again ||= count === BATCH;
      })
      .catch(() => log('outbox.db_error'))
      .finally(() => {
        this.#running = undefined;
        if (this.#stopped) return;
        const again = this.#again;
        this.#again = false;
        this.#schedule(again ? 0 : this.config.workerPollSeconds * 1000);
      });
  }

  /**
   * One look: claims what is due at `now` and sends it, one message at a time
   * so that each lease covers one send (a batch leased at once could outlive
   * its lease while another worker takes the rest); returns how many were sent.
   */
  async runOnce(now: Date): Promise<number> {
    let count = 0;
    while (count < BATCH && !this.#stopped) {
      const [message] = await this.store.claimDue(now, new Date(Date.now() + this.config.workerLeaseSeconds * 1000), 1);
      if (!message) break;
      await this.#deliver(message);
      count += 1;
    }
    return count;
  }

  async #deliver(message: Message) {
    const fields = { id: message.id, reference: message.reference, kind: message.kind, channel: message.channel, attempt: message.attempts };
    const found = await this.store.find(message.reference);
    const now = new Date();
    const drop = async (why: string) => {
      await this.store.settle(message, { state: 'dropped', errorCode: why });
      log('message.dropped', { ...fields, why });
    };
    if (!found) return drop('booking_gone');
    const { cancelTokenHash, ...booking } = found;
    // Erased on the resident's request: there is no one to write to (the erasure dropped it too; this covers one claimed meanwhile).
    if (booking.erasedAt) return drop('booking_erased');
    if (booking.cancelledAt && message.kind !== 'cancelled') return drop('booking_cancelled');
    if (message.kind === 'reminder' && booking.start <= now) return drop('meeting_started');
    const { channel } = message;
    const to = channel === 'email' ? booking.email : booking.phone;
    if (!to) return drop('no_contact');

    let delivery: Delivery;
    try {
      if (channel === 'email') {
        // Bookings made before derived link tokens have links only the resident holds: their messages go without them.
        const token = linkToken(await this.store.tokenSecret(), booking.reference);
        const email = renderEmail(message, booking, { siteUrl: this.config.siteUrl, token: sha256(token) === cancelTokenHash ? token : undefined }, this.host);
        delivery = await this.senders.email.send({ id: message.id, to, content: email });
      } else {
        delivery = await this.senders.sms.send({ id: message.id, to, content: renderSms(message, booking) });
      }
    } catch (error) {
      const code = error instanceof SendError ? error.code : 'render_error';
      const dead = (error instanceof SendError && error.permanent) || message.attempts >= this.config.maxAttempts;
      await this.store.settle(message, dead ? { state: 'dead', errorCode: code } : { state: 'failed', errorCode: code, retryAt: retryAt(message.attempts, new Date(), this.config.retrySeconds) });
      log(dead ? 'message.dead' : 'message.failed', { ...fields, error: code });
      return;
    }
    await this.store.settle(message, { state: 'sent', at: new Date() });
    // Without a provider the message is only written down: the log says so, never to whom.
    if (delivery.kind === 'written') log('message.not_sent', { ...fields, reason: `no_${channel}_provider`, file: delivery.file });
    else log('message.sent', fields);
  }
}
