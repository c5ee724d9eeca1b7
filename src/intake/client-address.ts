import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Which hops of X-Forwarded-For are our own proxies: TRUST_PROXY compiled (see clientAddress). */
export type TrustedProxies = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY: unset trusts no proxy (the socket's address is the client); a
 * number trusts that many hops in front of the server (`true` is one); else a
 * comma-separated list of proxy addresses and CIDR ranges (proxy-addr's names
 * `loopback`, `linklocal`, `uniquelocal` too). Throws on a list it cannot read.
 */
export function trustedProxies(setting: string | undefined): TrustedProxies {
  if (!setting || setting === 'false') return () => false;
  const hops = setting === 'true' ? 1 : /^\d+$/.test(setting) ? Number(setting) : undefined;
  if (hops !== undefined) return (_address, hop) => hop < hops;
  return proxyaddr.compile(setting.split(',').map((s) => s.trim()).filter(Boolean));
}

/**
 * The client's address: the right-most address in X-Forwarded-For (after the
 * socket's) that is not a trusted proxy, as proxy-addr (Express's) reads it.
 * Entries to the left of that are whatever the client wrote, and never count.
 */
export function clientAddress(request: Request, socketAddress: string, trust: TrustedProxies): string {
  const forwarded = request.headers.get('x-forwarded-for');
  const req = { headers: forwarded === null ? {} : { 'x-forwarded-for': forwarded }, socket: { remoteAddress: socketAddress } };
  return proxyaddr(req as unknown as IncomingMessage, trust);
}
