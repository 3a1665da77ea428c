// Apollo Federation v2 against a running server: its _service { sdl } composes with a second subgraph, and a query
// through @apollo/gateway crosses both. The second subgraph is a fixture served here: a "wijkprofiel" that extends
// Neighbourhood by its CBS code with a population figure (made-up figures, not CBS statistics).
// Usage: node federation.mjs <url>. Prints one line per check, then "N passed, N failed"; exit 0 = none failed.
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';

const url = process.argv[2];
if (!url || process.argv.length > 3 || !/^https?:\/\//.test(url)) {
  console.error('usage: node federation.mjs <url>');
  process.exit(2);
}

let passed = 0;
let failed = 0;
const check = (name, ok, detail) => {
  if (ok) { passed++; console.log(`ok    ${name}`); } else { failed++; console.log(`FAIL  ${name} -- ${detail}`); }
};
const done = () => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
};

// The fixture: population per CBS code, and a root list that starts a query in this subgraph.
const population = { BU05990325: 12_345, WK059903: 78_901 };
const wijkprofielSdl = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])

    "A CBS region as the wijkprofiel knows it."
    type Neighbourhood @key(fields: "cbsCode") {
      cbsCode: String!
      "Residents on 1 January (fixture figure)."
      population: Int
    }

    type Query {
      "The regions of the profile, most populous first."
      mostPopulous: [Neighbourhood!]!
    }
`;
const wijkprofiel = buildSubgraphSchema([{
  typeDefs: parse(wijkprofielSdl),
  resolvers: {
    Query: { mostPopulous: () => Object.entries(population).sort((a, b) => b[1] - a[1]).map(([cbsCode, people]) => ({ cbsCode, population: people })) },
    Neighbourhood: { __resolveReference: (ref) => ({ cbsCode: ref.cbsCode, population: population[ref.cbsCode] ?? null }) },
  },
}]);

const fixture = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  const { query, variables, operationName } = JSON.parse(body);
  const result = await execute({ schema: wijkprofiel, document: parse(query), variableValues: variables, operationName });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(result));
});
await new Promise((resolve) => fixture.listen(0, '127.0.0.1', resolve));
const fixtureUrl = `http://127.0.0.1:${fixture.address().port}/graphql`;

try {
  // 1. The subgraph's SDL, as a composer fetches it.
  const served = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(10_000),
  });
  const sdl = (await served.json())?.data?._service?.sdl ?? '';
  check('_service { sdl } links federation v2 and keys Neighbourhood by cbsCode', /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/.test(sdl) && /type Neighbourhood implements Node @key\(fields: "id"\) @key\(fields: "cbsCode"\)/.test(sdl), sdl.slice(0, 300));

  // 2. Composition with the fixture.
  const composed = composeServices([
    { name: 'infrastructuur', typeDefs: parse(sdl), url },
    { name: 'wijkprofiel', typeDefs: parse(wijkprofielSdl), url: fixtureUrl },
  ]);
  const errors = composed.errors ?? [];
  check('our subgraph composes with the wijkprofiel', errors.length === 0, errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('\n'));
  if (errors.length > 0) done();
  const api = composed.schema.toAPISchema().toGraphQLJSSchema();
  check('the supergraph API keeps people out and organisations keyed by KvK number in', !api.getType('Person') && !api.getType('AccessLogEntryConnection') && !api.getQueryType().getFields().accessLog && !!api.getType('Organisation')?.getFields().kvkNumber && !!api.getType('Neighbourhood')?.getFields().population, 'Person visible or a field missing');

  // 3. Queries through the gateway, against the running API and the fixture.
  const gateway = new ApolloGateway({ supergraphSdl: composed.supergraphSdl, logger: quiet() });
  const { executor } = await gateway.load();
  const run = async (query, variables = {}) => {
    const document = parse(query);
    return executor({
      request: { query, variables },
      document,
      source: query,
      queryHash: createHash('sha256').update(query).digest('hex'),
      operationName: null,
      operation: document.definitions[0],
      context: {},
      logger: quiet(),
      metrics: {},
      overallCachePolicy: { restrict() {}, replace() {}, policyIfCacheable() { return null; } },
    });
  };

  // From our subgraph to the wijkprofiel: the gateway sends it our Neighbourhood's cbsCode.
  const forward = await run('{ neighbourhood(cbsCode: "BU05990325") { name cbsCode population municipality { cbsCode } } }');
  const n = forward.data?.neighbourhood;
  check('our neighbourhood gets its population from the wijkprofiel', !forward.errors && n?.name === 'Middelland' && n?.population === 12_345 && n?.municipality?.cbsCode === 'GM0599', JSON.stringify(forward));

  // From the wijkprofiel to us: our _entities resolves its Neighbourhoods by cbsCode, in one call.
  const back = await run('{ mostPopulous { cbsCode population name level municipality { name } } }');
  const list = back.data?.mostPopulous ?? [];
  check('the wijkprofiel\'s regions get their names from our _entities',
    !back.errors && list.length === 2 && list[0].cbsCode === 'WK059903' && list[0].name === 'Delfshaven' && list[0].level === 'DISTRICT'
      && list[0].population === 78_901 && list[1].name === 'Middelland' && list[1].population === 12_345 && list.every((x) => x.municipality?.name === 'Rotterdam'),
    JSON.stringify(back));
} catch (error) {
  check('no exception', false, error?.stack ?? String(error));
} finally {
  fixture.close();
}
done();

function quiet() {
  return { debug() {}, info() {}, warn() {}, error: (...args) => console.error(...args) };
}
