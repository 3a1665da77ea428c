// urql (@urql/core) against a running server: its default document cache (no normalisation) and fetch.
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { operation } from './documents.mjs';
import { arguments_, captureWarnings, pageByPage, reporter, run } from './scenario.mjs';

const tokens = arguments_('urql.mjs');
const warnings = captureWarnings();
const report = reporter();

const connect = (token) => {
  const client = new Client({
    url: tokens.url,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({ headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(10_000) }),
    requestPolicy: 'network-only',
  });
  const answer = (name) => (result) => {
    if (result.error) throw new Error(`${name}: ${result.error.message} ${JSON.stringify(result.error.graphQLErrors)}`);
    return result.data;
  };
  const query = (name, variables) => client.query(operation(name), variables).toPromise().then(answer(name));
  return {
    query,
    mutate: (name, variables) => client.mutation(operation(name), variables).toPromise().then(answer(name)),
    twoPages: (name, variables, path) => pageByPage(query, name, variables, path),
  };
};

await run(connect, tokens, report);
report.check('urql wrote no warning or error to the console', warnings.length === 0, warnings.join('\n'));
report.finish();
