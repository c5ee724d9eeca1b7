import { spawn } from 'node:child_process';
import { TOTP } from 'otpauth';

/**
 * Used by the API tests (vitest) and the e2e tests (Playwright) alike, so it throws rather than asserts.
 *
 * A staff member's browser over plain HTTP: a cookie jar, the forms' CSRF
 * tokens, and TOTP codes from the secret the set-up page shows (as an
 * authenticator app would read it).
 */
export class StaffClient {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  secret = '';

  constructor(base: string) {
    this.base = base;
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const [name, value] = [pair.slice(0, i), pair.slice(i + 1)];
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(new URL(path, this.base), { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.remember(res);
    return res;
  }

  async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await fetch(new URL(path, this.base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.base, cookie: this.cookieHeader(), ...headers },
      body: body.toString(),
      redirect: 'manual',
    });
    this.remember(res);
    return res;
  }

  /** The CSRF token of the forms on a page. */
  async csrf(path = '/personal/session/'): Promise<string> {
    const html = await (await this.get(path)).text();
    const token = /name="csrf" value="([\w-]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path}`);
    return token;
  }

  /** A code `steps` time steps ahead: each sign-in needs a step not used before. */
  code(steps = 0): string {
    return new TOTP({ secret: this.secret }).generate({ timestamp: Date.now() + steps * 30_000 });
  }

  /** Opens the one-time link, sets the password and enrols the TOTP secret it shows; signed in after. */
  async setUp(link: string, password: string): Promise<Response> {
    const url = new URL(link);
    const page = await this.get(url.pathname + url.search);
    if (page.status !== 200) throw new Error(`set-up link answered ${page.status}`);
    this.secret = /data-secret="([A-Z2-7]+)"/.exec(await page.text())![1]!;
    return this.post('/personal/konto/aktivera/', { token: url.searchParams.get('token')!, password, confirm: password, code: this.code() });
  }

  async signIn(email: string, password: string, code: string): Promise<Response> {
    const csrf = /name="csrf" value="([\w-]+)"/.exec(await (await this.get('/personal/logga-in/')).text())?.[1] ?? '';
    return this.post('/personal/logga-in/', { csrf, email, password, code });
  }
}

/** `npm run staff -- …` against the server's database; its output. */
export function staffCommand(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/staff.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

export const linkIn = (out: string) => /(https?:\/\/\S+\/personal\/konto\/aktivera\/\?token=[\w-]+)/.exec(out)?.[1] ?? '';

/** A staff member made by the command and set up, signed in: the usual start of a test. */
export async function signedInStaff(base: string, env: Record<string, string>, email: string, role: string, centres = ''): Promise<StaffClient> {
  const made = await staffCommand(['add', email, '--role', role, ...(centres ? ['--centre', centres] : [])], { ...env, SITE_URL: base });
  if (made.code !== 0) throw new Error(made.out);
  const client = new StaffClient(base);
  const done = await client.setUp(linkIn(made.out), 'a long enough passphrase');
  if (done.status !== 303) throw new Error(`set-up answered ${done.status}`);
  return client;
}

/** An admin's integration key for some centres, made through the keys page. */
export async function integrationKey(admin: StaffClient, name: string, centres: string[]): Promise<string> {
  const res = await admin.post('/personal/nycklar/', { csrf: await admin.csrf('/personal/nycklar/'), action: 'create', name, centres });
  if (res.status !== 200) throw new Error(`keys page answered ${res.status}`);
  return /(jtk_[\w-]{43})/.exec(await res.text())![1]!;
}
