/** A polite live region: screen readers announce it, and it needs no JavaScript. */
export function StatusBanner({ children, tone = 'success' }: { children: React.ReactNode; tone?: 'success' | 'error' }) {
  const colours = tone === 'success' ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-red-50 text-red-900 ring-red-200';
  return (
    <p role="status" aria-live="polite" className={`m-3 rounded-lg px-4 py-2 text-sm font-medium ring-1 ${colours}`}>
      {children}
    </p>
  );
}
