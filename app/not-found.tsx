import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="mb-2 text-xl font-semibold">Not found</h1>
      <p className="mb-6 text-slate-600">That message or folder no longer exists.</p>
      <Link href="/mail/INBOX" className="inline-flex min-h-11 items-center rounded-lg bg-accent px-5 font-semibold text-white">Back to Inbox</Link>
    </main>
  );
}
