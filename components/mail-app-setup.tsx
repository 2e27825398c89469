import type { QrDrawing } from '@/lib/mail-app-setup/qr';
import { securityName, type ServerFacts, type SetupFacts } from '@/lib/mail-app-setup/setup-facts';
import { MailAppSteps } from './mail-app-setup-steps';

type Props = { facts: SetupFacts; email: string; profileHref: string; qr: QrDrawing };

const card = 'rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200';

/** "Set up your mail app": the servers spelled out, the Apple profile, a code for the phone, and steps per app. */
export function MailAppSetup({ facts, email, profileHref, qr }: Props) {
  return (
    <div className="max-w-4xl space-y-4 p-4">
      <p className="text-sm text-slate-700">
        Read and send <strong className="font-semibold wrap-anywhere">{email}</strong> in the mail app of your phone or computer
        too. Most apps find the settings by themselves: add an account, type your address and password, done. If an app asks,
        or you are fixing an account that can no longer send, use these settings.
      </p>

      <section aria-labelledby="servers-heading" className={card}>
        <h2 id="servers-heading" className="mb-3 text-base font-semibold">Your settings</h2>
        <div className="grid gap-4 md:grid-cols-2">
          <ServerTable title="Incoming mail (IMAP)" server={facts.incoming} email={email} />
          <ServerTable title="Outgoing mail (SMTP)" server={facts.outgoing} email={email} outgoing />
        </div>
      </section>

      <div className="grid items-start gap-4 sm:grid-cols-[1fr_auto]">
        <section aria-labelledby="apple-heading" className={card}>
          <h2 id="apple-heading" className="text-base font-semibold">iPhone, iPad and Mac</h2>
          <p className="mt-1 text-sm text-slate-600">
            A profile sets up Apple Mail in one go. It holds no password: you type it while installing.
          </p>
          <a
            href={profileHref}
            download
            className="mt-3 inline-flex min-h-11 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-white hover:bg-blue-800"
          >
            Download the Apple profile
          </a>
        </section>
        <section aria-labelledby="qr-heading" className={`${card} hidden sm:block`}>
          <h2 id="qr-heading" className="text-base font-semibold">On your phone</h2>
          <p className="mt-1 max-w-48 text-sm text-slate-600">Scan with the camera to open this page there.</p>
          <svg
            viewBox={`0 0 ${qr.size} ${qr.size}`}
            role="img"
            aria-label="QR code that opens this page"
            shapeRendering="crispEdges"
            className="mt-2 size-44"
          >
            <rect width={qr.size} height={qr.size} fill="#fff" />
            <path d={qr.path} fill="#0f172a" />
          </svg>
        </section>
      </div>

      <section aria-labelledby="steps-heading" className={card}>
        <h2 id="steps-heading" className="mb-1 text-base font-semibold">Step by step</h2>
        <MailAppSteps facts={facts} email={email} />
      </section>
    </div>
  );
}

function ServerTable({ title, server, email, outgoing = false }: { title: string; server: ServerFacts; email: string; outgoing?: boolean }) {
  const rows: Array<[string, React.ReactNode]> = [
    ['Server', <code key="host" className="font-mono wrap-anywhere">{server.host}</code>],
    ['Port', <span key="port" className="tabular-nums">{server.port}</span>],
    ['Security', securityName(server.security)],
    ['User name', <span key="user" className="wrap-anywhere">{email}</span>],
    ['Password', 'the password you use here'],
  ];
  if (outgoing) rows.push(['Authentication', 'My outgoing server requires authentication: use the same user name and password']);
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-800">{title}</h3>
      <dl className="grid grid-cols-[7.5rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-500">{term}</dt>
            <dd className="min-w-0 text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
