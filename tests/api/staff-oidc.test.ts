import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './server';
import { testDb, type TestDb } from './staff-db';

/**
 * Sign-in through OpenID Connect against a real provider (oidc-provider, with
 * its development login and consent pages) on a loopback port. Groups come in
 * the `groups` claim and map to roles by content/staff/oidc-groups.json.
 */
const people: Record<string, string[]> = {
  anna: ['jobbtorg-kista-handlaggare', 'some-other-group'],
  nobody: ['some-other-group'],
};

/** One browser over fetch: a cookie jar per origin, redirects followed by hand, the provider's forms submitted. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  private jar(url: URL) {
    let jar = this.jars.get(url.origin);
    if (!jar) this.jars.set(url.origin, (jar = new Map()));
    return jar;
  }

  async request(url: URL, init: { method?: string; form?: Record<string, string> } = {}) {
    const jar = this.jar(url);
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded', origin: url.origin } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      if (pair.slice(i + 1) === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(pair.slice(0, i));
      else jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }

  /**
   * From the portal's sign-in button to wherever the portal finally sends the
   * person: logs in at the provider as `login` and consents, as a person would.
   */
  async signIn(portal: string, login: string): Promise<{ landed: URL; trail: URL[] }> {
    let url = new URL('/personal/oidc/', portal);
    const trail: URL[] = [];
    let form: Record<string, string> | undefined;
    for (let hop = 0; hop < 20; hop += 1) {
      trail.push(url);
      const res = await this.request(url, form ? { method: 'POST', form } : {});
      form = undefined;
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url);
        continue;
      }
      if (url.origin === portal) return { landed: url, trail };
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`provider page without a form at ${url}: ${res.status}`);
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? '';
      form = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
      url = new URL(action, url);
    }
    throw new Error('too many redirects');
  }
}

describe('staff sign-in through OpenID Connect', () => {
  let idp: Server;
  let portal: TestServer;
  let sql: TestDb;
  let dataDir: string;

  beforeAll(async () => {
    // The provider's port first, so the portal can be told its issuer; the provider then learns the portal's callback.
    idp = createServer();
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(idp.address() as { port: number }).port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-oidc-'));
    portal = await startServer({ DATA_DIR: dataDir, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'jobbtorg-portal', OIDC_CLIENT_SECRET: 'a-client-secret-of-enough-length-for-hs256' });
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'jobbtorg-portal', client_secret: 'a-client-secret-of-enough-length-for-hs256', redirect_uris: [`${portal.url}/personal/oidc/svar/`], grant_types: ['authorization_code'], response_types: ['code'] }],
      claims: { openid: ['sub'], email: ['email'], profile: ['groups'] },
      // Scope claims in the ID token itself: the portal reads the groups there.
      conformIdTokenClaims: false,
      async findAccount(_ctx, sub) {
        return { accountId: sub, claims: async () => ({ sub, email: `${sub}@stad.example`, groups: people[sub] ?? [] }) };
      },
    });
    idp.on('request', provider.callback());
    sql = testDb({ DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await sql?.close();
    await portal?.stop();
    idp?.close();
  });

  it('signs a caseworker in with authorization code and PKCE, with role and centres from the groups claim', async () => {
    const browser = new Browser();
    const { landed, trail } = await browser.signIn(portal.url, 'anna');
    const authorize = trail.find((u) => u.pathname === '/auth' && u.searchParams.has('code_challenge'));
    expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(landed.pathname).toBe('/personal/dag/');
    const day = await browser.request(landed);
    expect(day.status).toBe(200);
    expect(await day.text()).toContain('anna@stad.example (handläggare)');
    expect((await browser.request(new URL('/personal/dag/?plats=vallingby', portal.url))).status).toBe(403);
    const [account] = await sql.query("select * from staff_accounts where email = 'anna@stad.example'");
    expect(account).toMatchObject({ role: 'caseworker', centres: 'kista', source: 'oidc', password_hash: null });
    expect(await sql.query("select * from staff_audit where action = 'signin' and detail = 'oidc' and actor_id = ?", [account!.id])).toHaveLength(1);
  });

  it('refuses a person whose groups give no role here, and a callback whose state does not match', async () => {
    const outsider = new Browser();
    const { landed } = await outsider.signIn(portal.url, 'nobody');
    expect(landed.pathname + landed.search).toBe('/personal/logga-in/?fel=1');
    expect((await outsider.request(new URL('/personal/dag/', portal.url))).status).toBe(303);
    const forged = new Browser();
    await forged.request(new URL('/personal/oidc/', portal.url));
    const callback = await forged.request(new URL('/personal/oidc/svar/?code=stolen&state=forged', portal.url));
    expect(callback.headers.get('location')).toBe('/personal/logga-in/?fel=1');
  });

  it('offers the city’s sign-in instead of the local form', async () => {
    const page = await (await fetch(`${portal.url}/personal/logga-in/`)).text();
    expect(page).toContain('href="/personal/oidc/');
    expect(page).not.toContain('name="password"');
    const local = await fetch(`${portal.url}/personal/logga-in/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.se&password=x&code=123456' });
    expect(local.status).toBe(404);
  });
});
