// Validates the admin's configuration when the server starts, so a bad setting stops it with a clear message.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { parseConfig, ConfigError } = await import('@/lib/config-parse');
  try {
    parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
