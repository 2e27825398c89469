// THREATS T3: mail-derived strings reach the page only as React text; the sandboxed frame is the one
// place HTML is rendered. This fails the moment any other source file grows an HTML sink.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const SINKS = /dangerouslySetInnerHTML|srcDoc|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/;
const ALLOWED = new Set(['components/html-body-frame.tsx']);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });
}

it('has no HTML sink outside the message frame component', () => {
  const offenders = ['app', 'components', 'lib']
    .flatMap(sourceFiles)
    .filter((file) => !ALLOWED.has(file) && SINKS.test(readFileSync(path.join(root, file), 'utf8')));
  expect(offenders).toEqual([]);
});
