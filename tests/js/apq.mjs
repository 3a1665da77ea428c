// Apollo Client 4 against a running server: automatic persisted queries (PersistedQueryLink, hashed GETs) and
// graphql-js's introspection query with every option on, as a front end would use them.
// Usage: node apq.mjs <url>. Prints one line per check, then "N passed, N failed"; exit 0 = none failed.
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { createHash } from 'node:crypto';

const url = process.argv[2];
if (!url || process.argv.length > 3 || !/^https?:\/\//.test(url)) {
  console.error('usage: node apq.mjs <url>');
  process.exit(2);
}

// Every request the client sends, with what came back, so the checks see the protocol and not only the outcome.
const sent = [];
const fetchFn = async (input, init = {}) => {
  const response = await fetch(input, { ...init, signal: AbortSignal.timeout(10_000) });
  const body = await response.clone().text();
  sent.push({ method: init.method ?? 'GET', url: String(input), body: init.body ?? null, status: response.status, answer: body });
  return response;
};

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const client = () => new ApolloClient({
  cache: new InMemoryCache(),
  link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri: url, fetch: fetchFn })),
});

let passed = 0;
let failed = 0;
const check = (name, ok, detail) => {
  if (ok) { passed++; console.log(`ok    ${name}`); } else { failed++; console.log(`FAIL  ${name} -- ${detail}`); }
};

const query = gql`query Places { municipalities(first: 2) { nodes { id name } } }`;
try {
  const first = await client().query({ query, fetchPolicy: 'network-only' });
  const names = first.data?.municipalities?.nodes?.map((n) => n.name) ?? [];
  check('a new hash: not found, then the text is sent once and the answer arrives', names.length > 0 && sent.length === 2
    && sent[0].method === 'GET' && !sent[0].url.includes('query=') && sent[0].answer.includes('PERSISTED_QUERY_NOT_FOUND')
    && sent[1].method === 'POST' && String(sent[1].body).includes('"query"'), JSON.stringify(sent));

  sent.length = 0;
  const again = await client().query({ query, fetchPolicy: 'network-only' });
  check('a known hash: one GET without the text answers', sent.length === 1 && sent[0].method === 'GET' && !sent[0].url.includes('query=')
    && JSON.stringify(again.data) === JSON.stringify(first.data), JSON.stringify(sent));
} catch (err) {
  check('automatic persisted queries', false, `threw: ${err?.message ?? err}`);
}

try {
  sent.length = 0;
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }) }),
  });
  const result = await response.json();
  const schema = result.data ? buildClientSchema(result.data) : null;
  check('introspection with every graphql-js option builds a client schema', response.status === 200 && !result.errors && schema?.getQueryType()?.name === 'Query'
    && result.data.__schema.directives.every((d) => typeof d.isRepeatable === 'boolean'), JSON.stringify(result.errors ?? response.status));
} catch (err) {
  check('introspection with every graphql-js option', false, `threw: ${err?.message ?? err}`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
