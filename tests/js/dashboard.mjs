// Browser check of the dashboard page served by the real server (ADR 0029).
// Usage: node dashboard.mjs <baseUrl> <outDir> <year>, with DASHBOARD_CASES='[{"name","place":"municipality=GM1930",
// "scope":{…},"token"?,"expectSuppressed"}]' in the environment (tokens stay out of the process list).
// For each case it opens /dashboard for the place and year (pasting the token into the page when there is one), waits
// for every section, fetches the same figures from /graphql with the page's registered documents, and checks that each
// section's tables and chart show them; then the table toggle by keyboard, a CSV download, English, a screenshot into
// <outDir>, and axe-core (WCAG 2.1 A and AA) with no serious or critical violation. Fails on CSP violations and uncaught
// errors. Prints the time to the first chart per case (from the page's performance mark) and "dashboard ok".
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCsp, launchChromium, reportCspViolations } from './chromium.mjs';

const [baseArg, outDir, yearArg] = process.argv.slice(2);
const cases = JSON.parse(process.env.DASHBOARD_CASES ?? '[]');
if (!baseArg || !outDir || !yearArg || cases.length === 0) {
  console.error('usage: DASHBOARD_CASES=[…] node dashboard.mjs <baseUrl> <outDir> <year>');
  process.exit(2);
}
const base = baseArg.replace(/\/+$/, '');
const year = Number(yearArg);
const WAIT = 30_000;
setTimeout(() => { console.error('FAIL: dashboard check exceeded 240 s'); process.exit(1); }, 240_000).unref();

const here = path.dirname(fileURLToPath(import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const operations = path.join(here, '../../schema/operations/dashboard');
const documentIds = Object.fromEntries(readdirSync(operations).filter((f) => f.endsWith('.graphql')).map((f) =>
  [path.basename(f, '.graphql'), `sha256:${createHash('sha256').update(readFileSync(path.join(operations, f))).digest('hex')}`]));

// The figures straight from the API, with the page's own registered documents.
async function api(name, variables, token) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'accept-language': 'nl' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ documentId: documentIds[name], variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const cents = (money) => Math.round(Number(money) * 100);
const sup = (value, suppressed) => (suppressed ? 'suppressed' : String(value));
let checks = 0;
function same(what, actual, expected) {
  checks++;
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: the page shows ${a.slice(0, 600)}, the API says ${e.slice(0, 600)}`);
}
function ok(what, condition) {
  checks++;
  if (!condition) throw new Error(what);
}

// Every row of a table as the data-values of the cells (the values the API gave), columns picked by index.
const tableRows = (page, id, columns) => page.$$eval(`table[data-table="${id}"] tbody tr`, (rows, cols) =>
  rows.map((r) => { const cells = [...r.cells].map((c) => c.dataset.value); return cols ? cols.map((i) => cells[i]) : cells; }), columns ?? null);
const plotted = (page, section) => page.$eval(`#${section} .chart`, (c) => c.dataset.plotted);

async function checkFigures(page, c) {
  const scope = c.scope;
  const { token } = c;
  const baseline = (await api('DashboardPageBaseline', { scope }, token)).dashboard.baseline;
  same('baseline cells', await tableRows(page, 'baseline-cells'),
    baseline.cells.map((x) => [x.theme.name, x.targetGroup.name, String(x.figures.activities), String(x.figures.providers)]));
  same('baseline heat map', Number(await plotted(page, 'baseline')), baseline.cells.reduce((s, x) => s + x.figures.activities, 0));
  same('baseline overlaps', await tableRows(page, 'baseline-overlaps'),
    baseline.overlaps.map((o) => [o.theme.name, o.targetGroup.name, o.neighbourhood.name, String(o.activities), String(o.providerCount), o.providers.map((p) => p.name).join('; ')]));

  const needs = (await api('DashboardPageNeeds', { scope }, token)).dashboard.needsVersusOffering;
  same('needs versus offering', await tableRows(page, 'needs-cells', [0, 2, 3, 4, 5, 7]),
    needs.cells.map((x) => [x.theme.name, x.neighbourhood.name, sup(x.signals, x.suppressed), String(x.activities), String(x.providers), sup(x.gap, x.suppressed)]));
  same('needs chart', Number(await plotted(page, 'needs')), needs.cells.slice(0, 20).filter((x) => !x.suppressed).reduce((s, x) => s + x.gap, 0));

  const network = (await api('DashboardPageNetwork', { scope }, token)).dashboard.network;
  const keys = ['nodeCount', 'edgeCount', 'density', 'componentCount', 'isolatedCount', 'largestComponentShare'];
  same('network this year and last', await tableRows(page, 'network-figures', [1, 2]),
    keys.map((k) => [String(network.period[k] ?? ''), String(network.previousPeriod[k] ?? '')]));
  same('network isolated', await tableRows(page, 'network-isolated'), network.period.isolated.map((p) => [p.name]));
  // The page draws at most 20 pages of 100 nodes and then says how many of how many it drew.
  const drawable = Math.min(network.nodes.totalCount, 2000);
  same('network graph nodes', Number(await plotted(page, 'network')), drawable);
  if (drawable < network.nodes.totalCount) {
    const text = await page.$eval('#network', (s) => s.innerText);
    ok(`network: no note that ${drawable} of ${network.period.nodeCount} nodes are drawn`, text.includes(`${drawable} van ${network.period.nodeCount}`) || text.includes(`${drawable} of ${network.period.nodeCount}`));
  }
  // Every node the page drew, paged from the API as the page pages them (at most 20 pages).
  const drawn = [...network.nodes.nodes];
  for (let info = network.nodes.pageInfo, pages = 1; info.hasNextPage && pages < 20; pages++) {
    const next = (await api('DashboardPageNetwork', { scope, nodesAfter: info.endCursor }, token)).dashboard.network.nodes;
    drawn.push(...next.nodes);
    info = next.pageInfo;
  }
  const nodeRows = await tableRows(page, 'network-nodes');
  same('network nodes', nodeRows.map((r) => r[0]).sort(), drawn.map((n) => n.name).sort());
  if (drawable === network.nodes.totalCount && network.edges.totalCount <= 2000) {
    same('network nodes without ties', nodeRows.filter((r) => r[2] === '0').length, network.period.isolatedCount);
  }

  const funding = (await api('DashboardPageFunding', { scope }, token)).dashboard.funding;
  same('funding per funder', await tableRows(page, 'funding-funders'),
    funding.byFunder.map((f) => [f.funder.name, f.amountAwarded, String(f.grants)]));
  // The Sankey's first stage, per funder, adds up to what the API says each funder awarded.
  const flows = await tableRows(page, 'funding-flows');
  const fromFunders = new Map();
  for (const [stage, from, , amount] of flows) {
    if (stage.startsWith('Financier →')) fromFunders.set(from, (fromFunders.get(from) ?? 0) + cents(amount));
  }
  // Unless the page says it read only part of the grants (more than it pages through for a region).
  const fundingText = await page.$eval('#funding', (s) => s.innerText);
  const partial = new RegExp(`(telt|counts) \\d+ (van de|of the) ${funding.grants} (subsidies|grants)`).test(fundingText);
  if (partial) {
    ok('funding: a partial Sankey draws more than the total', cents(await plotted(page, 'funding') ?? 0) < cents(funding.amountAwarded));
  } else {
    same('funding Sankey per funder', [...fromFunders].sort(), funding.byFunder.map((f) => [f.funder.name, cents(f.amountAwarded)]).sort());
    same('funding Sankey total', cents(await plotted(page, 'funding') ?? 0), cents(funding.amountAwarded));
  }

  const { from, to, ...place } = scope;
  const review = (await api('DashboardPageReview', { scope: place, year }, token)).dashboard.annualReview;
  same('annual review per theme', await tableRows(page, 'review-themes'),
    review.ran.map((r) => [r.theme.name, r.activities.value, r.activities.previous, r.activities.change]));
  same('annual review chart', Number(await plotted(page, 'review')), review.ran.reduce((s, r) => s + Number(r.activities.value) + Number(r.activities.previous), 0));
  same('annual review signals', (await tableRows(page, 'review-totals')).at(-1).slice(1),
    ['value', 'previous', 'change'].map((k) => sup(review.signals[k], review.signals.suppressed)));
  same('annual review signals per theme', await tableRows(page, 'review-signals'),
    review.signalsByTheme.map((s) => [s.theme.name, ...['value', 'previous', 'change'].map((k) => sup(s.signals[k], s.signals.suppressed))]));

  // Suppressed cells read "onderdrukt", never 0; an official of the municipality sees them all.
  const suppressedCells = await page.$$eval('td[data-value="suppressed"]', (cells) => cells.map((x) => x.textContent));
  if (c.expectSuppressed) ok(`${c.name}: no suppressed cell shown`, suppressedCells.length > 0 && suppressedCells.every((x) => x === 'onderdrukt'));
  else same(`${c.name}: suppressed cells`, suppressedCells, []);
}

const fatal = [];
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'dashboard-chromium-'));
mkdirSync(outDir, { recursive: true });
let context;
let failure;
const results = [];
try {
  context = await launchChromium(userDataDir, { acceptDownloads: true, timeout: WAIT });
  for (const c of cases) {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.on('console', (msg) => { if (msg.type() === 'error' && isCsp(msg.text())) fatal.push(`CSP violation: ${msg.text().slice(0, 300)}`); });
    page.on('pageerror', (err) => fatal.push(`uncaught error: ${err.message}`));
    await reportCspViolations(page);
    const thirdParty = [];
    page.on('request', (r) => { if (!r.url().startsWith(base) && !/^(data|blob):/.test(r.url())) thirdParty.push(r.url()); });

    const url = `${base}/dashboard?${c.place}&year=${year}`;
    const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
    ok(`GET ${url} gave HTTP ${response?.status()}`, response?.status() === 200);
    ok(`${c.name}: no Content-Security-Policy on the page`, /default-src 'self'/.test(response.headers()['content-security-policy'] ?? ''));
    const ready = () => page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: WAIT });
    await ready();
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('dashboard-')).map((m) => [m.name.slice('dashboard-'.length), Math.round(m.startTime)])));
    const firstChart = marks['first-chart'] ?? null;
    ok(`${c.name}: no chart was drawn`, firstChart !== null);
    // Opened again: the server has computed and kept these figures (and run its code once), as for a second visitor.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await ready();
    const again = await page.evaluate(() => Math.round(performance.getEntriesByName('dashboard-first-chart')[0]?.startTime ?? -1));

    if (c.token) {
      // Sign in as a user would: paste the token and press Enter.
      await page.locator('#token').fill(c.token);
      await page.locator('#token').press('Enter');
      await page.waitForFunction(() => /Aangemeld als/.test(document.getElementById('status')?.textContent ?? ''), null, { timeout: WAIT });
      await ready();
    }
    const failed = await page.$$eval('section[data-state="error"]', (s) => s.map((x) => `${x.id}: ${x.textContent}`));
    same(`${c.name}: sections that failed`, failed, []);

    await checkFigures(page, c);

    // The table view opens by keyboard.
    const toggle = page.locator('button[data-toggle="baseline"]');
    await toggle.focus();
    await page.keyboard.press('Enter');
    same(`${c.name}: table view by keyboard`, [await toggle.getAttribute('aria-expanded'), await page.locator('#baseline-tables').isVisible()], ['true', true]);

    // CSV download of the same rows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-csv="baseline-cells"]').click()]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    same(`${c.name}: CSV rows`, csv.length - 1, (await tableRows(page, 'baseline-cells')).length);

    await page.screenshot({ path: path.join(outDir, `dashboard-${c.name}.png`), fullPage: true });

    await page.evaluate(axeSource);
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
    });
    const serious = axe.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    same(`${c.name}: axe-core serious or critical violations`, serious, []);

    same(`${c.name}: requests to other origins`, thirdParty, []);
    results.push({ name: c.name, firstChart, again, marks, axe: axe.length });

    // English by choice, with the figures again (the same shape, English names).
    if (c.english) {
      await page.locator('#lang').selectOption('en');
      await ready();
      same(`${c.name}: English heading`, await page.locator('h1').textContent(), 'Social infrastructure dashboard');
      ok(`${c.name}: English URL`, page.url().includes('lang=en'));
      await page.screenshot({ path: path.join(outDir, `dashboard-${c.name}-en.png`), fullPage: true });
    }
    await page.close();
  }
  await new Promise((r) => setTimeout(r, 300));
  if (fatal.length) throw new Error(fatal.join('\n'));
} catch (err) {
  failure = err;
} finally {
  await context?.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
for (const r of results) {
  const sections = Object.entries(r.marks).filter(([k]) => k !== 'first-chart').map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`time to first chart (${r.name}): ${r.firstChart} ms after navigation start (sections ready at: ${sections} ms), ${r.again} ms when opened again; axe-core: ${r.axe} minor or moderate findings`);
}
if (failure) {
  console.log(`FAIL: ${failure.message.replace(/\x1b\[[0-9;]*m/g, '').trim()}`);
  for (const f of fatal) if (!failure.message.includes(f)) console.log(`  also: ${f}`);
  process.exit(1);
}
console.log(`${checks} checks passed`);
console.log('dashboard ok');
