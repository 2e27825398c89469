// Owns making X-Forwarded-For trustworthy when no reverse proxy is configured in front of Satchel.
// Next.js only fills X-Forwarded-For from the socket when a request has none, so a browser could
// name any address and dodge per-IP sign-in limits or shift Dovecot's login penalty onto someone
// else. Without TRUST_PROXY_HEADERS we overwrite it with the socket's own address before Next.js
// sees the request; behind a trusted proxy, the proxy's header is left as it is.
import http from 'node:http';

const installed = Symbol.for('satchel.socketAddressHeader');

export function installSocketAddressHeader(): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      const address = req.socket?.remoteAddress;
      if (address) req.headers['x-forwarded-for'] = address;
      else delete req.headers['x-forwarded-for'];
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
