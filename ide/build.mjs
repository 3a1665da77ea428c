// Bundles the GraphiQL IDE into a self-contained folder that the server serves
// at /graphql/ide/* (index.html itself is served at GET /graphql).
// Usage: node build.mjs [outdir]   (default: ./dist)
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gatherLicences, writeIndex } from '../eng/bundled-page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(process.argv[2] ?? path.join(here, 'dist'));
const prefix = '/graphql/ide/'; // URL path the server maps to outdir

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  legalComments: 'external', // licence notices go to *.LEGAL.txt beside the bundles
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

// graphiql/style.css already contains Monaco's CSS (and its codicon font), so
// the per-module .css files Monaco's ESM sources import are dropped here
// instead of being bundled a second time.
const dropMonacoCss = {
  name: 'drop-monaco-css',
  setup(build) {
    build.onLoad({ filter: /[\\/]monaco-editor[\\/].*\.css$/ }, () => ({ contents: '', loader: 'css' }));
  },
};

// The app: ES module + code splitting so Prettier etc. load only when used.
await esbuild.build({
  ...common,
  entryPoints: { graphiql: 'src/index.jsx' },
  outdir,
  format: 'esm',
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  jsx: 'automatic',
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'dataurl', '.png': 'dataurl' },
  plugins: [dropMonacoCss],
});

// Lazily loaded chunks get empty CSS siblings (their CSS was dropped above).
for (const f of readdirSync(outdir)) {
  if (f.endsWith('.css') && statSync(path.join(outdir, f)).size === 0) rmSync(path.join(outdir, f));
}

// Monaco's web workers, as classic (IIFE) scripts loaded by src/workers.js.
await esbuild.build({
  ...common,
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir,
  format: 'iife',
  entryNames: '[name]',
});

gatherLicences(outdir);
writeIndex(outdir, { lang: 'en', title: 'Infrastructuur GraphQL IDE', prefix, name: 'graphiql', body: '<div id="graphiql">Loading…</div>' });
console.log(`built ${outdir}`);
