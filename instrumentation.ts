// Runs once when the server starts: validates the admin's configuration (a bad setting stops the
// server with a message naming it), rewrites forwarded headers per TRUSTED_PROXIES, and starts the
// metrics listener and the graceful-shutdown handler.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ConfigError, parseConfig, trustedProxyList } = await import('@/lib/config-parse');
  const settings = parseConfig(process.env);
  const { basePathMismatch } = await import('@/lib/base-path');
  const mismatch = basePathMismatch(settings.basePath);
  if (mismatch) throw new ConfigError(`Satchel is misconfigured:\n  ${mismatch}`);
  const { installSocketAddressHeader } = await import('@/lib/socket-address');
  installSocketAddressHeader({ all: settings.trustProxyHeaders, list: trustedProxyList(settings.trustedProxies) });
  const { startMetricsServer } = await import('@/lib/metrics');
  const { openImapConnections } = await import('@/lib/mail/imap-pool');
  startMetricsServer({ imapConnections: openImapConnections });
  const { installShutdown } = await import('@/lib/shutdown');
  installShutdown();
}
