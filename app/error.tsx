'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="mb-2 text-xl font-semibold">Mail server unreachable</h1>
      <p className="mb-6 text-slate-600">Your mailbox could not be loaded just now. Nothing was lost; please try again in a moment.</p>
      <button type="button" onClick={reset} className="min-h-11 rounded-lg bg-accent px-5 font-semibold text-white">
        Try again
      </button>
    </main>
  );
}
