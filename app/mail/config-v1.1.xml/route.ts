// Mozilla autoconfig at https://autoconfig.<domain>/mail/config-v1.1.xml; a static segment, so it wins
// over app/mail/[folder], and proxy.ts lets signed-out mail apps reach it.
import { autoconfigResponse } from '@/lib/mail-app-setup/responses';

export function GET(request: Request): Response {
  return autoconfigResponse(request);
}
