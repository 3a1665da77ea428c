// relay-runtime against a running server: a Network, a Store over a RecordSource, fetchQuery and commitMutation, with
// Relay's development warnings on (conflicting types or values under one ID, missing fields in a payload).
import { arguments_, captureWarnings, pageByPage, reporter, run } from './scenario.mjs';

const tokens = arguments_('relay.mjs');
// relay-runtime checks NODE_ENV on every call: anything but "production" keeps its warnings on.
process.env.NODE_ENV = 'development';
const { Environment, Network, RecordSource, Store, commitMutation, fetchQuery } = (await import('relay-runtime')).default;
const { operation } = await import('./documents.mjs');
const { concreteRequest } = await import('./relay-request.mjs');
const warnings = captureWarnings();
const report = reporter();

const environments = [];
const connect = (token) => {
  const network = Network.create(async (params, variables) => {
    const response = await fetch(tokens.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: params.text, variables, operationName: params.name }),
      signal: AbortSignal.timeout(10_000),
    });
    const payload = await response.json();
    if (response.status !== 200 || payload.errors) throw new Error(`${params.name}: ${response.status} ${JSON.stringify(payload.errors)}`);
    return payload;
  });
  const environment = new Environment({ network, store: new Store(new RecordSource()) });
  environments.push(environment);
  const query = (name, variables) => fetchQuery(environment, concreteRequest(operation(name)), variables).toPromise();
  return {
    environment,
    query,
    mutate: (name, variables) => new Promise((resolve, reject) => commitMutation(environment, {
      mutation: concreteRequest(operation(name)),
      variables,
      onCompleted: (response, errors) => (errors?.length ? reject(new Error(JSON.stringify(errors))) : resolve(response)),
      onError: reject,
    })),
    // Without relay-compiler there is no @connection handler: the two pages are two fetches, merged by ID in the store.
    twoPages: (name, variables, path) => pageByPage(query, name, variables, path),
  };
};

const seen = await run(connect, tokens, report);

const [visitor, coordinator] = environments.map((e) => e.getStore().getSource());
const root = visitor?.get('client:root');
report.check('node(id:) and activity(id:) point at one Activity record in the store',
  visitor?.get(seen.activityId)?.__typename === 'Activity' && root?.[`node(id:"${seen.activityId}")`]?.__ref === seen.activityId
    && root?.[`activity(id:"${seen.activityId}")`]?.__ref === seen.activityId, JSON.stringify(root));
report.check("the mutation's answer updated the initiative's record in the store", coordinator?.get(seen.initiativeId)?.description === seen.description,
  JSON.stringify(coordinator?.get(seen.initiativeId)));
report.check('relay-runtime wrote no warning or error to the console', warnings.length === 0, warnings.join('\n'));
report.finish();
