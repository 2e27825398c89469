import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...next,
  ...nextTs,
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', '.mailserver/**', '.bench/**', 'tests/artifacts/**', 'next-env.d.ts'] },
];

export default config;
