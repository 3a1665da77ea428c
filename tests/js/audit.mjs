// GraphQL-over-HTTP conformance audit (graphql-http's serverAudits) against a running server.
// Usage: node audit.mjs <url>   e.g. http://127.0.0.1:5080/graphql
// One line per audit, then "N passed, N failed". Exit 0 = none failed, 1 = some failed, 2 = usage error.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url || process.argv.length > 3 || !/^https?:\/\//.test(url)) {
  console.error('usage: node audit.mjs <url>');
  process.exit(2);
}

// Bound every request so a hanging server fails the audit instead of the test run.
const fetchFn = (input, init = {}) => fetch(input, { ...init, signal: AbortSignal.timeout(10_000) });

// ...and the whole run, so a hanging server cannot cost 10 s for each of ~60 audits.
const deadline = Date.now() + 120_000;

let passed = 0;
let failed = 0;
for (const audit of serverAudits({ url, fetchFn })) {
  const level = audit.name.split(' ')[0]; // MUST / SHOULD / MAY
  let result;
  try {
    if (Date.now() > deadline) throw new Error('not run, the 120 s overall deadline passed');
    result = await audit.fn();
  } catch (err) {
    const cause = err?.cause?.code ?? err?.cause?.message; // e.g. ECONNREFUSED behind "fetch failed"
    result = { status: 'error', reason: `threw: ${err?.message ?? err}${cause ? ` (${cause})` : ''}` };
  }
  if (result.status === 'ok') {
    passed++;
    console.log(`ok    ${level.padEnd(6)} ${audit.id}  ${audit.name}`);
    continue;
  }
  failed++;
  let http = '';
  if (result.response) {
    http = ` [HTTP ${result.response.status} ${result.response.headers.get('content-type') ?? ''}]`;
  }
  console.log(`FAIL  ${level.padEnd(6)} ${audit.id}  ${audit.name} -- ${result.status}: ${result.reason}${http}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
