// Owns how dates, sizes and addresses read on screen.
import type { Address } from '@/lib/mail/types';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// Formatters are built once: each toLocale*String call with options builds a new one (~100 µs),
// which on a 50-row page was the largest cost of Satchel's own code.
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dayMonthFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const fullDayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Today: the time; this year: day and month; older: the full date. */
export function formatListDate(iso: string | null, now: Date): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return timeFormat.format(date);
  if (date.getFullYear() === now.getFullYear()) return dayMonthFormat.format(date);
  return fullDayFormat.format(date);
}

export function formatFullDate(iso: string | null): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '';
}

export function displayName(address: Address | undefined): string {
  if (!address) return '(unknown sender)';
  return address.name || address.address || '(unknown sender)';
}

export function formatAddress(address: Address): string {
  return address.name ? `${address.name} <${address.address}>` : address.address;
}
