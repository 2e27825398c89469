// Mozilla autoconfig at the domain's own well-known URL (https://<domain>/.well-known/autoconfig/…).
import { autoconfigResponse } from '@/lib/mail-app-setup/responses';

export function GET(request: Request): Response {
  return autoconfigResponse(request);
}
