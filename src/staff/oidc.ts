import { randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import type { StaffConfig } from './config.ts';
import { readGroupMap, roleFromGroups } from './oidc-groups.ts';
import type { StaffAccount, StaffStore } from '../intake/staff-store.ts';

/**
 * Sign-in at the city's OpenID provider: authorization code with PKCE, state
 * and nonce, through openid-client. What the browser must carry between the
 * two legs (verifier, state, nonce, where to go back) sits in a short-lived
 * HttpOnly cookie.
 */
export type Oidc = NonNullable<StaffConfig['oidc']>;
export const OIDC_COOKIE = 'jt_staff_oidc';

let discovered: Promise<client.Configuration> | undefined;

function configuration(oidc: Oidc): Promise<client.Configuration> {
  const issuer = new URL(oidc.issuer);
  // Plain http only for a provider on this machine (the tests start one on a loopback port).
  const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  discovered ??= client.discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, loopback ? { execute: [client.allowInsecureRequests] } : undefined).catch((error: unknown) => {
    discovered = undefined;
    throw error;
  });
  return discovered;
}

export interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  back: string;
}

export async function authorizationUrl(oidc: Oidc, redirectUri: string, back: string): Promise<{ url: URL; pending: Pending }> {
  const config = await configuration(oidc);
  const pending = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce(), back };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

export const encodePending = (p: Pending) => Buffer.from(JSON.stringify(p)).toString('base64url');
export function decodePending(value: string | undefined): Pending | undefined {
  try {
    const p = JSON.parse(Buffer.from(value ?? '', 'base64url').toString('utf8')) as Pending;
    return typeof p.verifier === 'string' && typeof p.state === 'string' && typeof p.nonce === 'string' ? p : undefined;
  } catch {
    return undefined;
  }
}

/** The provider's answer at the callback: the signed-in person's account, or undefined (refused, or no role here). */
export async function completeSignIn(oidc: Oidc, callbackUrl: URL, pending: Pending, staff: StaffStore, now: Date): Promise<StaffAccount | undefined> {
  const config = await configuration(oidc);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
  const claims = tokens.claims();
  const email = typeof claims?.email === 'string' ? claims.email.toLowerCase() : undefined;
  const raw = claims?.[oidc.claim];
  const groups = Array.isArray(raw) ? raw.filter((g): g is string => typeof g === 'string') : typeof raw === 'string' ? [raw] : [];
  const granted = roleFromGroups(groups, readGroupMap(oidc.groupsFile));
  if (!email || !granted) return undefined;
  const account = await staff.upsertOidcAccount({ id: randomUUID(), email, role: granted.role, centres: granted.centres, now });
  return account && !account.disabledAt ? account : undefined;
}
