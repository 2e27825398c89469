import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loginHtml, type LoginView } from '@/app/login/login-html';

afterEach(() => vi.unstubAllEnvs());

const view = (over: Partial<LoginView> = {}): LoginView => ({
  message: null,
  csrfToken: 'token-1',
  returnTo: '/mail/INBOX',
  branding: { productName: 'Satchel', logoUrl: null, accentColor: null },
  ...over,
});
const parse = (html: string) => new JSDOM(html).window.document;

describe('the sign-in page', () => {
  it('is a form posting to next-auth with the token and the way back, and no script', () => {
    const html = loginHtml(view());
    const doc = parse(html);
    const form = doc.querySelector('form')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe('/api/auth/callback/credentials');
    expect(doc.querySelector<HTMLInputElement>('input[name=csrfToken]')!.value).toBe('token-1');
    expect(doc.querySelector<HTMLInputElement>('input[name=callbackUrl]')!.value).toBe('/mail/INBOX');
    expect(doc.querySelector('label[for=email]')?.textContent).toBe('Email');
    expect(doc.querySelector('[role=alert]')).toBeNull();
    expect(html).not.toMatch(/<script\b/i);
  });

  it('keeps what it is given as text: a hostile return path, product name or message cannot add markup', () => {
    const hostile = '/mail/INBOX"><script>alert(1)</script><input name="x';
    const doc = parse(loginHtml(view({ returnTo: hostile, message: '<b>Wrong</b>', branding: { productName: 'Mail & <i>Co</i>', logoUrl: null, accentColor: '"><b>' } })));
    expect(doc.querySelector<HTMLInputElement>('input[name=callbackUrl]')!.value).toBe(hostile);
    expect(doc.querySelector('[role=alert]')!.textContent).toBe('<b>Wrong</b>');
    expect(doc.querySelector('h1')!.textContent).toBe('Mail & <i>Co</i>');
    expect(doc.querySelectorAll('script, b, i, input[name=x]')).toHaveLength(0);
  });

  it('puts the form, the way back and the logo under BASE_PATH, in the brand colour', () => {
    vi.stubEnv('BASE_PATH', '/webmail');
    const doc = parse(loginHtml(view({ branding: { productName: 'Hoster Mail', logoUrl: '/logo.png', accentColor: '#0f766e' } })));
    expect(doc.querySelector('form')!.getAttribute('action')).toBe('/webmail/api/auth/callback/credentials');
    expect(doc.querySelector<HTMLInputElement>('input[name=callbackUrl]')!.value).toBe('/webmail/mail/INBOX');
    expect(doc.querySelector('h1 img')!.getAttribute('src')).toBe('/webmail/logo.png');
    expect(doc.querySelector('main')!.getAttribute('style')).toBe('--color-accent:#0f766e');
  });
});
