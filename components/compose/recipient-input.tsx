'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { withBasePath } from '@/lib/base-path';
import { parseRecipients, splitEntries } from '@/lib/mail/address-parse';

type Suggestion = { name: string; address: string };
/** `value` is read when the field mounts; the editor remounts it (key) when it replaces the draft. */
type Props = { name: 'to' | 'cc' | 'bcc'; label: string; value: string; onChange: (value: string) => void; autoFocus?: boolean };

// Names with none of these can go unquoted (the parser's plain-name form); others are quoted.
const PLAIN_NAME = /^[^"<>()[\]:;@\\,]*$/;

/** "Ann Lee <ann@x.test>", quoting names the strict parser would otherwise refuse. */
export function formatRecipient({ name, address }: Suggestion): string {
  if (!name) return address;
  return PLAIN_NAME.test(name) ? `${name} <${address}>` : `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
}

export const isValidEntry = (entry: string) => parseRecipients(entry).ok;

const join = (chips: string[], text: string) => [...chips, text.trim()].filter(Boolean).join(', ');

/**
 * One recipient field: finished addresses become chips (invalid ones marked before sending), the
 * text being typed is an ARIA combobox offering the user's own correspondents.
 */
export function RecipientInput({ name, label, value, onChange, autoFocus }: Props) {
  const [chips, setChips] = useState<string[]>(() => splitEntries(value));
  const [text, setText] = useState('');
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const emit = (nextChips: string[], nextText: string) => {
    setChips(nextChips);
    setText(nextText);
    if (!nextText.trim()) setOptions([]);
    onChange(join(nextChips, nextText));
  };

  useEffect(() => {
    const q = text.trim();
    if (q.length < 1) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(withBasePath(`/api/recipients?q=${encodeURIComponent(q)}`), { signal: controller.signal, cache: 'no-store' })
        .then((r) => (r.ok ? (r.json() as Promise<{ suggestions?: Suggestion[] }>) : { suggestions: [] }))
        .then((body) => {
          setOptions(body.suggestions ?? []);
          setActive(-1);
        })
        .catch(() => undefined); // aborted or offline: typing still works without suggestions
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const commit = (raw: string) => {
    const entries = splitEntries(raw);
    emit(entries.length ? [...chips, ...entries] : chips, '');
    setOptions([]);
  };

  const choose = (s: Suggestion) => {
    emit([...chips, formatRecipient(s)], '');
    setOptions([]);
    inputRef.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const open = options.length > 0;
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      setActive((i) => (i + 1) % options.length);
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOptions([]);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && open && active >= 0) {
      e.preventDefault();
      choose(options[active]!);
    } else if ((e.key === 'Enter' || e.key === ',' || e.key === ';') && text.trim()) {
      e.preventDefault();
      commit(text);
    } else if (e.key === 'Backspace' && !text && chips.length) {
      e.preventDefault();
      emit(chips.slice(0, -1), chips[chips.length - 1]!);
    }
  };

  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text/plain');
    if (!/[,;\n]/.test(pasted)) return;
    e.preventDefault();
    commit(`${text}${pasted.replace(/\r?\n/g, ',')}`);
  };

  const invalid = chips.filter((c) => !isValidEntry(c));
  const open = options.length > 0;
  return (
    <div className="grid grid-cols-[3.5rem_1fr] items-start gap-2">
      <label htmlFor={`compose-${name}`} className="pt-2.5 text-sm font-medium text-slate-600">{label}</label>
      <div className="relative min-w-0">
        <div className={`flex min-h-11 flex-wrap items-center gap-1 rounded-lg border px-2 py-1 focus-within:border-accent focus-within:ring-2 focus-within:ring-accent-soft ${invalid.length ? 'border-red-400' : 'border-slate-300'}`}>
          {chips.map((chip, i) => {
            const ok = isValidEntry(chip);
            return (
              <span key={`${i}-${chip}`} data-chip data-invalid={ok ? undefined : 'true'}
                className={`inline-flex max-w-full items-center gap-1 rounded-full px-2.5 py-1 text-sm ${ok ? 'bg-slate-100 text-slate-800' : 'bg-red-50 text-red-800 ring-1 ring-red-300'}`}>
                <span className="truncate" title={ok ? chip : `${chip} is not a valid email address`}>{chip}</span>
                <button type="button" aria-label={`Remove ${chip}`} className="-mr-1 flex size-6 items-center justify-center rounded-full hover:bg-slate-200"
                  onClick={() => emit(chips.filter((_, j) => j !== i), text)}>×</button>
              </span>
            );
          })}
          <input
            ref={inputRef} id={`compose-${name}`} type="text" role="combobox" autoComplete="off" autoCapitalize="none" spellCheck={false}
            aria-expanded={open} aria-controls={listId} aria-autocomplete="list" autoFocus={autoFocus}
            aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
            aria-invalid={invalid.length > 0 || undefined}
            aria-describedby={invalid.length ? `${listId}-invalid` : undefined}
            className="min-w-32 flex-1 bg-transparent py-1 text-base outline-none"
            value={text} onKeyDown={onKeyDown} onPaste={onPaste}
            onChange={(e) => emit(chips, e.target.value)}
            onBlur={() => setTimeout(() => { setOptions([]); if (inputRef.current && document.activeElement !== inputRef.current && inputRef.current.value.trim()) commit(inputRef.current.value); }, 150)}
          />
        </div>
        {invalid.length > 0 && (
          <p id={`${listId}-invalid`} className="mt-1 text-sm text-red-700">
            Not a valid email address: {invalid.join(', ')}
          </p>
        )}
        <ul id={listId} role="listbox" aria-label={`${label} suggestions`} hidden={!open}
          className="absolute left-0 right-0 z-30 mt-1 max-h-72 overflow-auto rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200">
          {options.map((s, i) => (
            <li key={s.address} id={`${listId}-${i}`} role="option" aria-selected={i === active}
              className={`cursor-pointer px-3 py-2 ${i === active ? 'bg-accent-soft' : 'hover:bg-slate-50'}`}
              onMouseDown={(e) => { e.preventDefault(); choose(s); }}>
              <span className="block truncate text-sm font-medium text-slate-900">{s.name || s.address}</span>
              {s.name && <span className="block truncate text-xs text-slate-600">{s.address}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
