// Microsoft Autodiscover (POX). proxy.ts rewrites Outlook's other casing, /Autodiscover/Autodiscover.xml,
// to this route (two folders differing only in case would break checkouts on macOS and Windows).
import { autodiscoverResponse } from '@/lib/mail-app-setup/responses';

export function POST(request: Request): Promise<Response> {
  return autodiscoverResponse(request);
}
