// Customers' own mail apps, against the standalone server: Mozilla autoconfig and Microsoft Autodiscover
// answer signed-out clients with the servers Satchel itself uses (and per domain in an app with a domains
// file), the Apple profile downloads for the signed-in user only, and the setup page works on a phone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { parse as parsePlist } from 'plist';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { setup } = mailEnv().users;
// What Satchel itself connects to in this run (the test server's STARTTLS ports).
const imap = new URL(mailEnv().imapUrl);
const smtp = new URL(mailEnv().smtpUrl);
const OUTLOOK_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
const SCHEMA_2006A = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const outlookBody = (email: string) =>
  `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="${OUTLOOK_NS}"><Request><EMailAddress>${email}</EMailAddress><AcceptableResponseSchema>${SCHEMA_2006A}</AcceptableResponseSchema></Request></Autodiscover>`;

let domainsApp: AppServer;
let dir: string;
let handle: BrowserHandle;

beforeAll(async () => {
  // A second app serving two domains from a domains file: satchel.test with the deployment's servers,
  // other.test with different public names and modes for customers' apps.
  dir = mkdtempSync(path.join(tmpdir(), 'satchel-setup-'));
  const domainsFile = path.join(dir, 'domains.json');
  writeFileSync(
    domainsFile,
    JSON.stringify({
      domains: {
        'satchel.test': {},
        'other.test': { clientImap: 'imaps://imap.other.test', clientSmtp: 'smtps://smtp.other.test:465', branding: { productName: 'Other Mail' } },
      },
    }),
  );
  domainsApp = await startApp(Number(new URL(baseUrl).port) + 1, { DOMAINS_FILE: domainsFile });
  handle = await launchBrowser();
});

afterAll(async () => {
  await handle?.close();
  await domainsApp?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const { DOMParser } = new JSDOM('').window;
function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}
const text = (el: Element | Document, selector: string) => el.querySelector(selector)?.textContent ?? null;

function autoconfigServers(xml: string) {
  const doc = parseXml(xml);
  const read = (el: Element | null) => el && { host: text(el, 'hostname'), port: text(el, 'port'), socketType: text(el, 'socketType'), auth: text(el, 'authentication'), user: text(el, 'username') };
  return { incoming: read(doc.querySelector('incomingServer[type="imap"]')), outgoing: read(doc.querySelector('outgoingServer[type="smtp"]')), name: text(doc, 'displayShortName') };
}

/** GET with a chosen Host header (fetch cannot set one), as a client asking autoconfig.<domain> sends it. */
function getWithHost(base: string, pathname: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${pathname}`, { headers: { host } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(String(res.statusCode)))));
      })
      .on('error', reject);
  });
}

async function autodiscover(base: string, pathname: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}${pathname}`, { method: 'POST', body, headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers }, redirect: 'manual' });
}

function protocols(xml: string) {
  return Array.from(parseXml(xml).getElementsByTagName('Protocol')).map((p) => Object.fromEntries(Array.from(p.children).map((c) => [c.localName, c.textContent])));
}

describe('Mozilla autoconfig (signed out, as a mail app asks)', () => {
  it('answers both URLs with the servers Satchel itself uses, STARTTLS on both', async () => {
    for (const url of [`/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(setup.email)}`, `/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(setup.email)}`]) {
      const res = await fetch(`${baseUrl}${url}`, { redirect: 'manual' });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(autoconfigServers(await res.text())).toMatchObject({
        incoming: { host: imap.hostname, port: imap.port, socketType: 'STARTTLS', auth: 'password-cleartext', user: '%EMAILADDRESS%' },
        outgoing: { host: smtp.hostname, port: smtp.port, socketType: 'STARTTLS', auth: 'password-cleartext', user: '%EMAILADDRESS%' },
      });
    }
    // The static route wins over /mail/[folder], and only it is public under /mail/.
    const inbox = await fetch(`${baseUrl}/mail/INBOX`, { redirect: 'manual' });
    expect(inbox.status).toBe(307);
    expect(inbox.headers.get('location')).toContain('/login');
  });

  it('gives each domain its own servers and modes, and 404 for a domain not served here', async () => {
    const other = await fetch(`${domainsApp.baseUrl}/mail/config-v1.1.xml?emailaddress=ann%40other.test`);
    expect(other.status).toBe(200);
    expect(autoconfigServers(await other.text())).toEqual({
      name: 'Other Mail',
      incoming: { host: 'imap.other.test', port: '993', socketType: 'SSL', auth: 'password-cleartext', user: '%EMAILADDRESS%' },
      outgoing: { host: 'smtp.other.test', port: '465', socketType: 'SSL', auth: 'password-cleartext', user: '%EMAILADDRESS%' },
    });
    const own = await fetch(`${domainsApp.baseUrl}/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(setup.email)}`);
    expect(autoconfigServers(await own.text()).incoming).toMatchObject({ host: imap.hostname, port: imap.port, socketType: 'STARTTLS' });
    // Without ?emailaddress= (a Thunderbird setting), the domain is the one the client asked.
    expect(autoconfigServers(await getWithHost(domainsApp.baseUrl, '/mail/config-v1.1.xml', 'autoconfig.other.test')).incoming?.host).toBe('imap.other.test');
    expect(autoconfigServers(await getWithHost(domainsApp.baseUrl, '/.well-known/autoconfig/mail/config-v1.1.xml', 'other.test:443')).outgoing?.host).toBe('smtp.other.test');
    await expect(getWithHost(domainsApp.baseUrl, '/mail/config-v1.1.xml', 'autoconfig.unserved.test')).rejects.toThrow('404');
    for (const q of ['ann%40unserved.test', 'not-an-address']) {
      expect((await fetch(`${domainsApp.baseUrl}/mail/config-v1.1.xml?emailaddress=${q}`)).status, q).toBe(404);
    }
  });
});

describe('Microsoft Autodiscover (POST, no Origin, as Outlook sends it)', () => {
  it('answers Outlook’s request on both casings of the path with IMAP and SMTP entries', async () => {
    for (const pathname of ['/autodiscover/autodiscover.xml', '/Autodiscover/Autodiscover.xml']) {
      const res = await autodiscover(baseUrl, pathname, outlookBody(setup.email));
      expect(res.status, pathname).toBe(200);
      const entries = protocols(await res.text());
      expect(entries).toEqual([
        expect.objectContaining({ Type: 'IMAP', Server: imap.hostname, Port: imap.port, SSL: 'on', Encryption: 'TLS', SPA: 'off', AuthRequired: 'on', LoginName: setup.email }),
        expect.objectContaining({ Type: 'SMTP', Server: smtp.hostname, Port: smtp.port, SSL: 'on', Encryption: 'TLS', SPA: 'off', AuthRequired: 'on', LoginName: setup.email }),
      ]);
    }
    const other = await autodiscover(domainsApp.baseUrl, '/Autodiscover/Autodiscover.xml', outlookBody('ann@other.test'));
    expect(protocols(await other.text()).map((p) => [p.Type, p.Server, p.Port, p.Encryption])).toEqual([
      ['IMAP', 'imap.other.test', '993', 'SSL'],
      ['SMTP', 'smtp.other.test', '465', 'SSL'],
    ]);
    const unserved = await autodiscover(domainsApp.baseUrl, '/autodiscover/autodiscover.xml', outlookBody('ann@unserved.test'));
    expect(unserved.status).toBe(404);
    expect(text(parseXml(await unserved.text()), 'ErrorCode')).toBe('500');
  });

  it('refuses malformed, entity-laden and oversized bodies cleanly (4xx with an Autodiscover error, never 500)', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>${outlookBody('&x;')}`;
    for (const body of ['', 'hello', outlookBody(setup.email).slice(0, 120), xxe]) {
      const res = await autodiscover(baseUrl, '/autodiscover/autodiscover.xml', body);
      expect(res.status, body).toBe(400);
      expect(text(parseXml(await res.text()), 'ErrorCode')).toBe('600');
    }
    const big = await autodiscover(baseUrl, '/autodiscover/autodiscover.xml', outlookBody(setup.email) + ' '.repeat(64 * 1024));
    expect(big.status).toBe(413);
    expect(text(parseXml(await big.text()), 'ErrorCode')).toBe('600');
    expect((await fetch(`${baseUrl}/autodiscover/autodiscover.xml`)).status).toBe(405);
  });

  it('exempts only itself from the origin check: a cross-site POST with a Server Action header is still refused', async () => {
    const crossSite = { Origin: 'http://127.0.0.1:9', 'Sec-Fetch-Site': 'cross-site' };
    expect((await autodiscover(baseUrl, '/autodiscover/autodiscover.xml', outlookBody(setup.email), crossSite)).status).toBe(200);
    expect((await autodiscover(baseUrl, '/autodiscover/autodiscover.xml', outlookBody(setup.email), { ...crossSite, 'Next-Action': '0'.repeat(40) })).status).toBe(403);
    for (const pathname of ['/compose', '/settings/mail-apps', '/api/auth/signout', '/autodiscover/Autodiscover.xml', '/AUTODISCOVER/AUTODISCOVER.XML', '/mail/config-v1.1.xml']) {
      expect((await autodiscover(baseUrl, pathname, 'x', crossSite)).status, pathname).toBe(403);
      expect((await autodiscover(baseUrl, pathname, 'x')).status, `${pathname} without Origin`).toBe(403);
    }
  });
});

async function signedInPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await newContext(handle.browser, baseUrl, { viewport });
  const page = await context.newPage();
  await signIn(page, setup.email, setup.password, '/settings/mail-apps');
  expect(new URL(page.url()).pathname).toBe('/settings/mail-apps');
  return page;
}

describe('Apple configuration profile', () => {
  it('is for the signed-in user only: signed out, it asks to sign in first', async () => {
    const res = await fetch(`${baseUrl}/settings/mail-apps/profile`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toContain(`/login?callbackUrl=${encodeURIComponent('/settings/mail-apps/profile')}`);
  });

  it('downloads as a valid plist with the IMAP and SMTP payload and no password', async () => {
    const page = await signedInPage(DESKTOP);
    const res = await page.context().request.get('/settings/mail-apps/profile');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/x-apple-aspen-config');
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="satchel\.test\.mobileconfig"/);
    const body = await res.text();
    expect(body).not.toContain(setup.password);
    const profile = parsePlist(body) as { PayloadType: string; PayloadContent: Array<Record<string, unknown>> };
    expect(profile.PayloadType).toBe('Configuration');
    expect(profile.PayloadContent).toEqual([
      expect.objectContaining({
        PayloadType: 'com.apple.mail.managed',
        EmailAddress: setup.email,
        IncomingMailServerHostName: imap.hostname,
        IncomingMailServerPortNumber: Number(imap.port),
        OutgoingMailServerHostName: smtp.hostname,
        OutgoingMailServerPortNumber: Number(smtp.port),
        OutgoingMailServerAuthentication: 'EmailAuthPassword',
        OutgoingPasswordSameAsIncomingPassword: true,
      }),
    ]);
    expect(Object.keys(profile.PayloadContent[0]!).filter((k) => /^(Incoming|Outgoing)Password$/.test(k))).toEqual([]);
    // Stable: a second download is the same profile, so installing it again replaces the account.
    expect(await (await page.context().request.get('/settings/mail-apps/profile')).text()).toBe(body);
    await page.context().close();
  });
});

describe('"Set up your mail app" page', () => {
  it('spells out the servers on a phone, without sideways scrolling or CSP errors, and downloads the profile', async () => {
    const page = await signedInPage(PHONE);
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Set up your mail app' }).isVisible()).toBe(true);
    const servers = page.getByRole('region', { name: 'Your settings' });
    const serversText = await servers.innerText();
    for (const value of [imap.hostname, imap.port, smtp.port, 'STARTTLS', setup.email, 'My outgoing server requires authentication']) {
      expect(serversText).toContain(value);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'mail-apps-phone');

    // Steps open without JavaScript machinery: a <details> per app, with this domain's values in them.
    for (const app of ['Thunderbird', 'Outlook', 'Apple Mail', 'Android: Gmail app', 'K-9 Mail']) {
      await expect.poll(() => page.getByText(app, { exact: false }).first().isVisible(), { message: app }).toBe(true);
    }
    await page.getByText('Android: Gmail app').click();
    const gmail = page.locator('details[open]');
    expect(await gmail.innerText()).toContain(`outgoing server ${smtp.hostname}, port ${smtp.port}, STARTTLS`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await gmail.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await screenshot(page, 'mail-apps-phone-steps');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the Apple profile' }).click();
    expect((await download).suggestedFilename()).toBe('satchel.test.mobileconfig');
    expect(cspErrors).toEqual([]);
    await page.context().close();
  });

  it('shows a QR code for the phone on a desktop, and is reachable from the account menu', async () => {
    const page = await signedInPage(DESKTOP);
    await page.goto('/mail/INBOX');
    await page.getByLabel('Account').click();
    await page.getByRole('link', { name: 'Set up your mail app' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/mail-apps');
    const qr = page.getByRole('img', { name: 'QR code that opens this page' });
    await expect.poll(() => qr.isVisible()).toBe(true);
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(150);
    await screenshot(page, 'mail-apps-desktop');
    await page.context().close();
  });
});
