// Owns the admin's configuration for the running server: parsed once from the environment.
import 'server-only';
import { parseConfig, type Config } from './config-parse';

export type { Branding, Config, MailEndpoint, SendLimits } from './config-parse';

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
