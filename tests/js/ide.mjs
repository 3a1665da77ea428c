// Browser check of the GraphiQL IDE served by the real server.
// Usage: node ide.mjs <baseUrl> <query> <expectedSubstring> [screenshotPath]
// Opens <baseUrl>/graphql as a normal navigation (Accept: text/html), runs <query>
// through the UI, waits for <expectedSubstring> in the result pane, opens the docs
// explorer, and fails on CSP violations or uncaught errors. Prints "ide ok" on success.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isCsp, launchChromium, reportCspViolations } from './chromium.mjs';

const [baseUrl, query, expected, screenshotPath] = process.argv.slice(2);
if (!baseUrl || query === undefined || expected === undefined) {
  console.error('usage: node ide.mjs <baseUrl> <query> <expectedSubstring> [screenshotPath]');
  process.exit(2);
}
const WAIT = 20_000; // every wait is bounded by this
// Last resort: never hang the calling test run (Playwright kills the browser on exit).
setTimeout(() => { console.error('FAIL: ide check exceeded 120 s'); process.exit(1); }, 120_000).unref();

const consoleErrors = [];
const fatal = []; // CSP violations and uncaught errors
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'ide-chromium-'));
let context;
let failure;
try {
  context = await launchChromium(userDataDir, { timeout: WAIT });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT);
  const onConsole = (where) => (msg) => {
    if (msg.type() !== 'error') return;
    const text = `${where}: ${msg.text().slice(0, 300)}`; // data: URLs can be huge
    consoleErrors.push(text);
    if (isCsp(text)) fatal.push(`CSP violation: ${text}`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (err) => fatal.push(`uncaught error: ${err.message}`));
  page.on('worker', (w) => w.on('console', onConsole(`worker ${w.url()}`)));
  await reportCspViolations(page);

  const url = `${baseUrl.replace(/\/+$/, '')}/graphql`;
  const resp = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: WAIT });
  const type = resp?.headers()['content-type'] ?? '';
  if (!resp || resp.status() !== 200 || !type.includes('text/html')) {
    throw new Error(`GET ${url} gave HTTP ${resp?.status()} ${type}, expected 200 text/html`);
  }

  // Monaco editors are ready once their text lines are rendered.
  const editor = page.locator('.graphiql-query-editor .monaco-editor .view-lines').first();
  await editor.waitFor({ state: 'visible' }).catch(() => { throw new Error('GraphiQL query editor did not appear'); });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(query); // insertText: no auto-closed brackets

  await page.locator('.graphiql-execute-button').click();
  // Monaco renders spaces as U+00A0; normalise before comparing.
  await page.waitForFunction((exp) => {
    const el = document.querySelector('.graphiql-response');
    return el && el.innerText.replace(/\u00a0/g, ' ').includes(exp);
  }, expected, { timeout: WAIT }).catch(async () => {
    const got = await page.locator('.graphiql-response').innerText().catch(() => '(no result pane)');
    throw new Error(`result pane never contained ${JSON.stringify(expected)}; it shows: ${got.replace(/\u00a0/g, ' ').slice(0, 500)}`);
  });

  await page.locator('[aria-label="Show Documentation Explorer"]').click();
  await page.locator('.graphiql-doc-explorer', { hasText: 'Query' }).first().waitFor({ state: 'visible' })
    .catch(() => { throw new Error('docs explorer did not open or does not show the Query type'); });

  if (screenshotPath) await page.screenshot({ path: screenshotPath, timeout: WAIT });
  await page.waitForTimeout(500); // let late console messages (workers) arrive
  if (fatal.length) throw new Error(fatal.join('\n'));
} catch (err) {
  failure = err;
} finally {
  await context?.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
for (const e of consoleErrors) console.error(`console error: ${e}`);
if (failure) {
  console.log(`FAIL: ${failure.message.replace(/\x1b\[[0-9;]*m/g, '').trim()}`); // strip Playwright's colours
  // A failed step is often caused by a blocked resource: show what was blocked too.
  if (fatal.length && !failure.message.includes(fatal[0])) for (const f of fatal) console.log(`  also: ${f}`);
  process.exit(1);
}
console.log('ide ok');
