// The sign-in page as one self-contained HTML document: no script, its few styles inline.
// A Next page would bring React and Next's client runtime (~130 KiB of JavaScript) that a plain form
// posting to next-auth never uses; a traveller's first visit is this page, on a phone, on a slow
// network. The look matches the Tailwind classes the rest of the app uses (colours are Tailwind's).
import { withBasePath } from '@/lib/base-path';
import type { Branding } from '@/lib/config';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Tailwind v4's preflight and the utilities the form used, written out for these few elements.
const CSS = `*,::before,::after{box-sizing:border-box;margin:0;padding:0;border:0 solid}
html{-webkit-text-size-adjust:100%;line-height:1.5;-webkit-tap-highlight-color:transparent}
body{min-height:100dvh;background:#f8fafc;color:#0f172b;-webkit-font-smoothing:antialiased;font-family:ui-sans-serif,system-ui,-apple-system,Segoe UI,Roboto,Helvetica Neue,Arial,sans-serif}
main{--color-accent:#1d4ed8;--color-accent-soft:#dbeafe;display:flex;min-height:100dvh;align-items:center;justify-content:center;padding:2.5rem 1rem}
main>div{width:100%;max-width:24rem}
h1{margin-bottom:.25rem;text-align:center;font-size:1.875rem;line-height:2.25rem;font-weight:600;letter-spacing:-.025em;color:var(--color-accent)}
h1 span{display:inline-flex;align-items:center;gap:.5rem}
h1 img{height:1.75rem;width:auto}
.lead{margin-bottom:2rem;text-align:center;font-size:.875rem;line-height:1.25rem;color:#45556c}
form{border-radius:1rem;background:#fff;padding:1.5rem;box-shadow:0 0 0 1px #e2e8f0,0 1px 3px 0 #0000001a,0 1px 2px -1px #0000001a}
form>:not(:last-child){margin-bottom:1rem}
[role=alert]{border-radius:.5rem;background:#fef2f2;padding:.5rem .75rem;font-size:.875rem;line-height:1.25rem;font-weight:500;color:#9f0712;box-shadow:0 0 0 1px #ffcaca}
label{display:block;margin-bottom:.25rem;font-size:.875rem;line-height:1.25rem;font-weight:500}
input,button{font:inherit;color:inherit;font-size:1rem;line-height:1.5rem;border-radius:.5rem}
input{display:block;width:100%;border:1px solid #cad5e2;background:#fff;padding:.625rem .75rem}
[type=hidden]{display:none}
input:focus{border-color:var(--color-accent);outline:2px solid transparent;box-shadow:0 0 0 2px var(--color-accent-soft)}
button{width:100%;background:var(--color-accent);padding:.625rem 1rem;font-weight:600;color:#fff}
button:hover{background:#193cb8}
button:focus{outline:2px solid transparent;box-shadow:0 0 0 2px #fff,0 0 0 4px var(--color-accent)}`;

export type LoginView = {
  /** The sentence for the `?error=` code, or null. */
  message: string | null;
  /** next-auth's CSRF token for the form (the proxy has set its cookie). */
  csrfToken: string;
  /** The app path to land on after sign-in. */
  returnTo: string;
  branding: Branding;
};

export function loginHtml({ message, csrfToken, returnTo, branding }: LoginView): string {
  const accent = branding.accentColor ? ` style="--color-accent:${escapeHtml(branding.accentColor)}"` : '';
  const logo = branding.logoUrl ? `<img src="${escapeHtml(withBasePath(branding.logoUrl))}" alt="">` : '';
  const alert = message ? `<p role="alert">${escapeHtml(message)}</p>` : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="theme-color" content="#1d4ed8">
<title>Sign in · Satchel</title><meta name="description" content="Your mailbox in any browser">
<style>${CSS}</style></head>
<body><main${accent}><div>
<h1><span>${logo}${escapeHtml(branding.productName)}</span></h1>
<p class="lead">Sign in with your mailbox address and password</p>
<form method="post" action="${escapeHtml(withBasePath('/api/auth/callback/credentials'))}">
<input type="hidden" name="csrfToken" value="${escapeHtml(csrfToken)}">
<input type="hidden" name="callbackUrl" value="${escapeHtml(withBasePath(returnTo))}">
${alert}<div><label for="email">Email</label>
<input id="email" name="email" type="email" required autocomplete="username" autocapitalize="none" spellcheck="false" inputmode="email"></div>
<div><label for="password">Password</label>
<input id="password" name="password" type="password" required autocomplete="current-password"></div>
<button type="submit">Sign in</button>
</form></div></main></body></html>`;
}
