// Validates the admin's configuration when the server starts, so a bad setting stops it with a clear message.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { parseConfig } = await import('@/lib/config-parse');
  parseConfig(process.env);
}
