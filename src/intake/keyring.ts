import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { log } from './log.ts';

/**
 * The keys that seal personal data at rest, kept outside the database.
 *
 * The cipher is node:crypto's AES-256-GCM; what is the portal's own is the
 * envelope and the key handling. A sealed value is one line of text:
 *
 *     jt1.<key id>.<iv>.<tag>.<ciphertext>      (base64url parts)
 *
 * `jt1` is the envelope's version; the key id names the data key that sealed
 * it, so values sealed under an older key stay readable after a rotation. The
 * "context" (for a booking field: its column and the booking's reference) is
 * bound in as associated data, so a value copied into another row or column
 * does not open. Exact-match lookups (a person's e-mail or phone) go through
 * HMAC-SHA-256 under a separate lookup key, never through the data keys.
 */

/** The key file's content, also accepted whole in DATA_KEY. Keys are 32 random bytes, base64. */
export interface KeyFile {
  version: 1;
  /** The id of the key new values are sealed with. */
  current: string;
  /** Every data key still needed to open stored values, by id. */
  keys: Record<string, string>;
  /** The HMAC key of the lookup columns; rotating it would mean recomputing them, so it stays. */
  lookup: string;
}

export const ENVELOPE = 'jt1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
/** How often a keyring read from a file looks whether the file changed (a rotation by another process). */
export const RELOAD_MS = 1_000;

export class KeyMissing extends Error {}

const b64 = (bytes: Buffer) => bytes.toString('base64url');
const newKey = () => randomBytes(KEY_BYTES).toString('base64');
const newKeyId = () => randomBytes(4).toString('hex');

/** A new key file: one data key and a lookup key. */
export function newKeyFile(): KeyFile {
  const id = newKeyId();
  return { version: 1, current: id, keys: { [id]: newKey() }, lookup: newKey() };
}

/** The same file with a fresh data key made current; the older keys stay until no value needs them. */
export function withNewKey(file: KeyFile): KeyFile {
  const id = newKeyId();
  return { ...file, current: id, keys: { ...file.keys, [id]: newKey() } };
}

export function parseKeyFile(text: string, where: string): KeyFile {
  let file: KeyFile;
  try {
    file = JSON.parse(text) as KeyFile;
  } catch {
    throw new KeyMissing(`${where} is not a key file (JSON with version, current, keys and lookup)`);
  }
  const decoded = (k: unknown) => typeof k === 'string' && Buffer.from(k, 'base64').length === KEY_BYTES;
  if (file?.version !== 1 || typeof file.keys !== 'object' || !decoded(file.keys[file.current]) || !decoded(file.lookup) || !Object.values(file.keys).every(decoded)) {
    throw new KeyMissing(`${where} is not a valid key file: version 1, a current key among keys, and a lookup key, each 32 bytes in base64`);
  }
  return file;
}

/** Writes a key file readable by its owner only, atomically (a running instance never reads half of it). */
export function writeKeyFile(path: string, file: KeyFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const scratch = `${path}.${process.pid}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(scratch, 0o600);
  renameSync(scratch, path);
}

export interface KeySettings {
  /** DATA_KEY: the key file's JSON itself (from a secret store). */
  dataKey: string | undefined;
  /** DATA_KEY_FILE: where the key file is. */
  dataKeyFile: string | undefined;
  dataDir: string;
  /** NODE_ENV=production: no key is ever made up; start-up stops without one. */
  production: boolean;
}

/** Where the key file is: DATA_KEY_FILE, else data-key.json in DATA_DIR (the embedded default). */
export const keyFilePath = (s: Pick<KeySettings, 'dataKeyFile' | 'dataDir'>) => resolve(s.dataKeyFile ?? join(s.dataDir, 'data-key.json'));

export type KeySource = { kind: 'env' } | { kind: 'file'; path: string; created: boolean };

/**
 * The process's keyring: DATA_KEY, else the key file. Outside production a
 * missing key file is created (mode 0600) and `created` says so, for the log;
 * in production a missing key stops start-up with a message naming the settings.
 */
export function loadKeyring(s: KeySettings): { keyring: Keyring; source: KeySource } {
  if (s.dataKey) return { keyring: new Keyring(parseKeyFile(s.dataKey, 'DATA_KEY')), source: { kind: 'env' } };
  const path = keyFilePath(s);
  if (!existsSync(path)) {
    if (s.production) {
      throw new KeyMissing(
        `No data key: personal data is sealed at rest, and in production (NODE_ENV=production) the portal never makes up a key. ` +
          `Set DATA_KEY (the key file's JSON) or DATA_KEY_FILE (a file, mode 0600, outside the database and its backups); ` +
          `\`npm run keys -- new <file>\` writes one. ${s.dataKeyFile ? `DATA_KEY_FILE=${path} does not exist.` : ''}`.trim(),
      );
    }
    writeKeyFile(path, newKeyFile());
    return { keyring: Keyring.fromFile(path), source: { kind: 'file', path, created: true } };
  }
  return { keyring: Keyring.fromFile(path), source: { kind: 'file', path, created: false } };
}

/** loadKeyring, and a log line when it made a key file: the operator must back it up. */
export function openKeyring(s: KeySettings): Keyring {
  const { keyring, source } = loadKeyring(s);
  if (source.kind === 'file' && source.created) {
    log('keys.created', {
      path: source.path,
      advice: 'Personal data is sealed with the keys in this file: without it no booking can be read. Back it up now, and apart from the database backups (see README, "Keys").',
    });
  }
  return keyring;
}

/** Seals, opens and hashes with the keys of one key file (or DATA_KEY). */
export class Keyring {
  #file!: KeyFile;
  /**
   * The file's keys as key objects, made once per file: node:crypto handed a
   * raw buffer checks and wraps it on every call, which made an HMAC about six
   * times and an AES-GCM seal about twice as slow (measured on Node 24; a
   * booking seals, opens and hashes some fifteen times).
   */
  #keys = new Map<string, KeyObject>();
  #lookupKey!: KeyObject;
  readonly #path: string | undefined;
  #checked = 0;
  #mtime = 0;

  constructor(file: KeyFile, path?: string) {
    this.#use(file);
    this.#path = path;
    if (path) this.#mtime = statSync(path).mtimeMs;
  }

  #use(file: KeyFile): void {
    this.#file = file;
    this.#keys = new Map(Object.entries(file.keys).map(([id, key]) => [id, createSecretKey(Buffer.from(key, 'base64'))]));
    this.#lookupKey = createSecretKey(Buffer.from(file.lookup, 'base64'));
  }

  static fromFile(path: string): Keyring {
    return new Keyring(parseKeyFile(readFileSync(path, 'utf8'), path), path);
  }

  /** The id new values are sealed with. */
  get current(): string {
    this.#follow(false);
    return this.#file.current;
  }

  get keyIds(): string[] {
    return Object.keys(this.#file.keys);
  }

  /**
   * A rotation (`npm run keys -- rotate`) rewrites the key file while instances run:
   * each looks at the file at most once a second before sealing, and at once when
   * it meets a key id it does not know.
   */
  #follow(now: boolean): void {
    if (!this.#path) return;
    const t = Date.now();
    if (!now && t - this.#checked < RELOAD_MS) return;
    this.#checked = t;
    const mtime = statSync(this.#path, { throwIfNoEntry: false })?.mtimeMs;
    if (mtime === undefined || mtime === this.#mtime) return;
    this.#use(parseKeyFile(readFileSync(this.#path, 'utf8'), this.#path));
    this.#mtime = mtime;
  }

  seal(plain: string, context: string): string {
    const id = this.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(id)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [ENVELOPE, id, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, id, iv, tag, body, ...rest] = sealed.split('.');
    if (version !== ENVELOPE || id === undefined || iv === undefined || tag === undefined || body === undefined || rest.length > 0) {
      throw new Error('not a sealed value');
    }
    if (!this.#keys.has(id)) this.#follow(true);
    const key = this.#keys.get(id);
    if (!key) throw new KeyMissing(`data key ${id} is not in the keyring`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** HMAC-SHA-256 under the lookup key of a value already normalised (see contactKey); the purpose keeps the uses apart. */
  lookup(purpose: 'email' | 'phone' | 'request' | 'client', normalised: string): string {
    return createHmac('sha256', this.#lookupKey).update(`${purpose}\n${normalised}`, 'utf8').digest('hex');
  }
}

/** The id of the key a sealed value was sealed with. */
export const sealedKeyId = (sealed: string) => sealed.split('.')[1];
export const isSealed = (value: string) => value.startsWith(`${ENVELOPE}.`);
