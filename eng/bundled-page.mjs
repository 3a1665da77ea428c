// What the build scripts of the pages the server bundles (ide/build.mjs, dashboard/build.mjs) share: the licence
// notices in one file, and an index.html without inline script or style, so it works under a strict CSP
// (script-src 'self'). Node built-ins only: each page's own package brings esbuild.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Gathers esbuild's per-bundle licence notices (legalComments: 'external') into licenses.txt. */
export function gatherLicences(outdir) {
  const legal = readdirSync(outdir).filter((f) => f.endsWith('.LEGAL.txt')).sort();
  writeFileSync(path.join(outdir, 'licenses.txt'), legal.map((f) => readFileSync(path.join(outdir, f), 'utf8')).join('\n'));
  for (const f of legal) rmSync(path.join(outdir, f));
}

/** Writes index.html loading `<prefix><name>.css` and `<prefix><name>.js`, with `body` until the script runs. */
export function writeIndex(outdir, { lang, title, prefix, name, body }) {
  writeFileSync(
    path.join(outdir, 'index.html'),
    `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${prefix}${name}.css">
<script type="module" src="${prefix}${name}.js"></script>
</head>
<body>
${body}
</body>
</html>
`,
  );
}
