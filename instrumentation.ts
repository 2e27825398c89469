// Runs once when the server starts: validates the admin's configuration (a bad setting stops the
// server with a message naming it) and, without a trusted proxy, pins X-Forwarded-For to the socket.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { parseConfig } = await import('@/lib/config-parse');
  const settings = parseConfig(process.env);
  if (!settings.trustProxyHeaders) {
    const { installSocketAddressHeader } = await import('@/lib/socket-address');
    installSocketAddressHeader();
  }
}
