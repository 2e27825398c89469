import { securityName, type SetupFacts } from '@/lib/mail-app-setup/setup-facts';

type Props = { facts: SetupFacts; email: string };

/** One collapsible block per app: opens without JavaScript, keeps the page short on a phone. */
function App({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <details className="group border-t border-slate-100 first:border-t-0">
      <summary className="flex min-h-12 cursor-pointer list-none items-center gap-2 py-2 text-sm font-medium text-slate-800 hover:text-accent">
        <span aria-hidden className="text-slate-400 transition group-open:rotate-90">▸</span>
        {name}
      </summary>
      <ol className="mb-3 ml-6 list-decimal space-y-1.5 pl-4 text-sm text-slate-700 marker:text-slate-400">{children}</ol>
    </details>
  );
}

const V = ({ children }: { children: React.ReactNode }) => <strong className="font-semibold wrap-anywhere text-slate-900">{children}</strong>;

/** Step lists for the apps customers actually use, with this domain's values written into each step. */
export function MailAppSteps({ facts, email }: Props) {
  const { incoming: inc, outgoing: out } = facts;
  const incoming = (
    <>
      incoming server <V>{inc.host}</V>, port <V>{inc.port}</V>, <V>{securityName(inc.security)}</V>
    </>
  );
  const outgoing = (
    <>
      outgoing server <V>{out.host}</V>, port <V>{out.port}</V>, <V>{securityName(out.security)}</V>
    </>
  );
  const user = (
    <>
      user name <V>{email}</V> and your password
    </>
  );
  return (
    <div>
      <App name="Thunderbird (Windows, Mac, Linux)">
        <li>Open the menu ≡, then Account Settings → Account Actions → Add Mail Account.</li>
        <li>Type your name, <V>{email}</V> and your password, then Continue. Thunderbird finds the settings.</li>
        <li>If it asks, choose Configure manually: IMAP, {incoming}; SMTP, {outgoing}; authentication Normal password.</li>
        <li>
          Account that can no longer send: Account Settings → Outgoing Server (SMTP) → Edit: {outgoing}, authentication
          Normal password, {user}.
        </li>
      </App>
      <App name="Outlook (Windows, Mac)">
        <li>Add an account (File → Add Account, or Settings → Accounts) and type <V>{email}</V>.</li>
        <li>Outlook finds the settings. If it asks for the account type, choose IMAP.</li>
        <li>Manual settings: {incoming}; {outgoing}.</li>
        <li>
          Tick “My outgoing (SMTP) server requires authentication” and “Use same settings as my incoming mail server”
          ({user}).
        </li>
      </App>
      <App name="Apple Mail (iPhone, iPad, Mac)">
        <li>Easiest: download the Apple profile above, open Settings (on a Mac, System Settings) → Profile Downloaded → Install, and type your password.</li>
        <li>By hand on iPhone: Settings → Apps → Mail → Mail Accounts → Add Account → Other → Add Mail Account.</li>
        <li>Type <V>{email}</V> and your password, then choose IMAP.</li>
        <li>Incoming: host name <V>{inc.host}</V>, {user}. Outgoing: host name <V>{out.host}</V>, the same user name and password.</li>
        <li>
          If Mail cannot connect: the account’s Advanced settings → Use SSL on, ports <V>{inc.port}</V> (incoming) and{' '}
          <V>{out.port}</V> (outgoing), authentication Password.
        </li>
      </App>
      <App name="Android: Gmail app">
        <li>Tap your profile picture → Add another account → Other, and type <V>{email}</V>.</li>
        <li>Choose Manual setup → Personal (IMAP), then type your password.</li>
        <li>Incoming server settings: {incoming}, {user}.</li>
        <li>Outgoing server settings: Require sign-in on, {outgoing}, {user}.</li>
      </App>
      <App name="Android: K-9 Mail or Thunderbird for Android">
        <li>Add an account and type <V>{email}</V>. The app finds the settings; type your password.</li>
        <li>If it asks: IMAP, {incoming}, authentication Normal password, {user}.</li>
        <li>Outgoing (SMTP): {outgoing}, authentication Normal password, the same user name and password.</li>
      </App>
    </div>
  );
}
