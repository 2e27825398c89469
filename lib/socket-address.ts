// Owns what a request says about its client before Next.js sees it: the client's address in
// X-Forwarded-For, X-Forwarded-Proto/-Host, and a request id. Next.js only fills X-Forwarded-For
// from the socket when a request has none, so a browser could name any address and dodge per-IP
// sign-in limits or shift Dovecot's login penalty onto someone else. So every request's
// X-Forwarded-For is rewritten to one address: the socket's, unless the socket is a trusted proxy
// (TRUSTED_PROXIES, or every address with TRUST_PROXY_HEADERS=true); then the rightmost address in
// the proxies' chain that is not itself a trusted proxy. Forwarded proto/host are dropped unless a
// trusted proxy sent them. Also remembers the servers that took requests, for graceful shutdown.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { BlockList } from 'node:net';
import { isIP } from 'node:net';
import { requestIds } from './request-id';

export type ProxyTrust = { all: boolean; list?: BlockList };

const installed = Symbol.for('satchel.socketAddressHeader');
const holder = globalThis as typeof globalThis & { __satchelHttpServers?: Set<http.Server>; __satchelDraining?: boolean };
const servers = (holder.__satchelHttpServers ??= new Set());

const bare = (ip: string) => ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

function isTrusted(ip: string, trust: ProxyTrust): boolean {
  if (trust.all) return true;
  const version = isIP(ip);
  return version !== 0 && trust.list !== undefined && trust.list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address: walks the chain right to left past trusted proxies. Exported for tests. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trust: ProxyTrust): string | undefined {
  if (!socketAddress) return undefined;
  let client = bare(socketAddress);
  if (!isTrusted(client, trust)) return client;
  const chain = (forwardedFor ?? '').split(',').map(bare).filter(Boolean);
  // Bounded by the header's length; a proxy appends the address it saw, so the right end is nearest.
  for (let i = chain.length - 1; i >= 0 && isTrusted(client, trust); i--) {
    const hop = chain[i]!;
    if (!isIP(hop)) break;
    client = hop;
  }
  return client;
}

function rewrite(req: http.IncomingMessage, res: http.ServerResponse, trust: ProxyTrust): string {
  const socket = req.socket?.remoteAddress;
  const fromProxy = socket !== undefined && isTrusted(bare(socket), trust);
  const xff = req.headers['x-forwarded-for'];
  const address = clientAddress(socket, Array.isArray(xff) ? xff.join(',') : xff, trust);
  if (address) req.headers['x-forwarded-for'] = address;
  else delete req.headers['x-forwarded-for'];
  if (!fromProxy) {
    // Next.js fills these from the connection itself when absent.
    for (const name of ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'x-real-ip']) delete req.headers[name];
  }
  const given = req.headers['x-request-id'];
  const id = fromProxy && typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
  req.headers['x-request-id'] = id;
  res.setHeader('X-Request-Id', id);
  // While shutting down, each connection closes after its response, so the server can finish.
  if (holder.__satchelDraining) res.shouldKeepAlive = false;
  return id;
}

export function installSocketAddressHeader(trust: ProxyTrust = { all: false }): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    servers.add(this);
    const id = rewrite(args[0] as http.IncomingMessage, args[1] as http.ServerResponse, trust);
    return requestIds.run(id, () => emit.call(this, event, ...args));
  } as typeof proto.emit;
}

/** The HTTP servers that have taken requests in this process (Next's, and the metrics listener). */
export function requestServers(): Set<http.Server> {
  return servers;
}

/** From now on, responses close their connection instead of keeping it alive. */
export function markDraining(): void {
  holder.__satchelDraining = true;
}
