// Bundles the dashboard page into a self-contained folder that the server serves at /dashboard/assets/*
// (index.html itself is served at GET /dashboard). The page sends only registered documents: their IDs are
// computed here from schema/operations/dashboard/*.graphql, the files the server registers (ADR 0029).
// Usage: node build.mjs [outdir]   (default: ./dist)
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gatherLicences, writeIndex } from '../eng/bundled-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(process.argv[2] ?? path.join(here, 'dist'));
const prefix = '/dashboard/assets/'; // URL path the server maps to outdir
const operations = path.join(here, '../schema/operations/dashboard');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

// documentId of each operation, as the server computes it: sha256 of the file's exact UTF-8 text.
const documentIds = Object.fromEntries(readdirSync(operations).filter((f) => f.endsWith('.graphql')).sort().map((f) => [
  path.basename(f, '.graphql'),
  `sha256:${createHash('sha256').update(readFileSync(path.join(operations, f))).digest('hex')}`,
]));

await esbuild.build({
  absWorkingDir: here,
  entryPoints: { dashboard: 'src/main.js' },
  outdir,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  entryNames: '[name]',
  legalComments: 'external',
  define: { DOCUMENT_IDS: JSON.stringify(documentIds) },
  logLevel: 'warning',
});
gatherLicences(outdir);
writeIndex(outdir, { lang: 'nl', title: 'Infrastructuur dashboard', prefix, name: 'dashboard', body: '<div id="app">Laden…</div>' });
console.log(`built ${outdir}`);
