// Owns presenting the results: targets, PASS/MISS verdicts, the printed table and .bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Summary } from './stats';

export type Figure = { median: number; p95?: number };
export type Target = { op: '<=' | '>='; value: number };
export type Row = { label: string; unit: 'ms' | 'pages/s' | 'KiB'; n?: number; satchel: Figure; raw?: Figure; target?: Target };
type Judged = Row & { ratio: number | null; verdict: 'PASS' | 'MISS' | '' };

export const fromSummary = (s: Summary): Figure => ({ median: s.median, p95: s.p95 });

/** The brief's targets; judged on the median (p95 is printed beside it). */
export const TARGETS = {
  listPageMs: { op: '<=', value: 40 },
  openMessageMs: { op: '<=', value: 30 },
  signInMs: { op: '<=', value: 80 },
  pagesPerSecond: { op: '>=', value: 100 },
  firstVisitKiB: { op: '<=', value: 150 },
  firstVisitJsKiB: { op: '<=', value: 100 },
  listVisibleMs: { op: '<=', value: 800 },
} satisfies Record<string, Target>;

function judge(row: Row): Judged {
  const ratio = row.raw && row.raw.median > 0 && Number.isFinite(row.satchel.median) ? row.satchel.median / row.raw.median : null;
  if (!row.target) return { ...row, ratio, verdict: '' };
  const { op, value } = row.target;
  const ok = op === '<=' ? row.satchel.median <= value : row.satchel.median >= value;
  return { ...row, ratio, verdict: ok ? 'PASS' : 'MISS' };
}

const num = (v: number | undefined, digits = 1) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));

function table(rows: Judged[]): string {
  const head = ['Measure', 'Unit', 'N', 'Satchel med', 'Satchel p95', 'Raw med', 'Raw p95', 'Satchel/raw', 'Target', 'Verdict'];
  const body = rows.map((r) => [
    r.label,
    r.unit,
    r.n === undefined ? '' : String(r.n),
    num(r.satchel.median),
    num(r.satchel.p95),
    num(r.raw?.median),
    num(r.raw?.p95),
    r.ratio === null ? '' : `${r.ratio.toFixed(2)}x`,
    r.target ? `${r.target.op} ${r.target.value}` : '',
    r.verdict,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function report(rows: Row[], notes: string[], extra: Record<string, unknown>, outDir: string): void {
  const judged = rows.map(judge);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\nSatchel bench — ${new Date().toISOString()} — ${os.cpus().length} CPUs, load ${load}, Node ${process.version}`);
  console.log('Medians and p95 in the row\'s unit; verdicts judge the Satchel median against the target.\n');
  console.log(table(judged));
  if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'results.json');
  const json = { when: new Date().toISOString(), cpus: os.cpus().length, loadAverage: os.loadavg(), node: process.version, rows: judged, notes, ...extra };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
}
