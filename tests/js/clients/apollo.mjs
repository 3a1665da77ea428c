// Apollo Client 4 against a running server: InMemoryCache normalising by __typename and id, relayStylePagination on
// the paginated connection with fetchMore, dev-mode warnings on (missing fields, data loss on merge, ID clashes).
import { arguments_, captureWarnings, reporter, run } from './scenario.mjs';
import { operation, possibleTypes } from './documents.mjs';

const tokens = arguments_('apollo.mjs');
// Apollo Client 4 warns only in development; without the "development" export condition it reads this global.
globalThis.__DEV__ = true;
const { ApolloClient, HttpLink, InMemoryCache } = await import('@apollo/client');
const { relayStylePagination } = await import('@apollo/client/utilities');
const { loadDevMessages, loadErrorMessages } = await import('@apollo/client/dev');
const { __DEV__ } = await import('@apollo/client/utilities/environment');
loadDevMessages();
loadErrorMessages();
const warnings = captureWarnings();
const report = reporter();
report.check('Apollo Client runs in development mode, so it warns', __DEV__ === true, `__DEV__ is ${__DEV__}`);

const clients = [];
const connect = (token) => {
  const client = new ApolloClient({
    cache: new InMemoryCache({
      possibleTypes,
      typePolicies: {
        Neighbourhood: { fields: { activities: relayStylePagination() } },
        Initiative: { fields: { activities: relayStylePagination(), grants: relayStylePagination() } },
        NetworkFragmentation: { fields: { nodes: relayStylePagination() } },
      },
    }),
    link: new HttpLink({
      uri: tokens.url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(10_000) }),
    }),
  });
  clients.push(client);
  return {
    client,
    query: async (name, variables) => (await client.query({ query: operation(name), variables, fetchPolicy: 'network-only' })).data,
    mutate: async (name, variables) => (await client.mutate({ mutation: operation(name), variables })).data,
    // Page one through a watched query, page two with fetchMore; the merged list is what the cache reads back and
    // what the watched query shows next.
    twoPages: async (name, variables, path) => {
      const query = operation(name);
      const list = (data) => path.reduce((v, k) => v?.[k], data)?.edges.map((e) => e.node.id) ?? [];
      const watched = client.watchQuery({ query, variables, fetchPolicy: 'network-only' });
      const shown = [];
      const subscription = watched.subscribe({ next: (result) => shown.push(list(result.data)) });
      try {
        const first = (await watched.refetch()).data;
        const endCursor = path.reduce((v, k) => v[k], first).pageInfo.endCursor;
        await watched.fetchMore({ variables: { after: endCursor } });
        const merged = list(client.readQuery({ query, variables }));
        for (let wait = 0; shown.at(-1)?.join() !== merged.join() && wait < 50; wait++) await new Promise((r) => setTimeout(r, 20));
        if (shown.at(-1)?.join() !== merged.join()) throw new Error(`the watched query shows ${shown.at(-1)} but the cache holds ${merged}`);
        return { first, merged };
      } finally {
        subscription.unsubscribe();
      }
    },
  };
};

const seen = await run(connect, tokens, report);

const [visitor, coordinator] = clients;
const activity = visitor?.cache.extract()[visitor.cache.identify({ __typename: 'Activity', id: seen.activityId })];
report.check('the activity is one normalised record, shared by the list, the detail and node(id:)', activity?.status !== undefined && activity.description !== undefined && activity.modifiedAt !== undefined,
  JSON.stringify(activity));
const initiative = coordinator?.cache.extract()[coordinator.cache.identify({ __typename: 'Initiative', id: seen.initiativeId })];
report.check("the mutation's answer updated the initiative's record in the cache", initiative?.description === seen.description, JSON.stringify(initiative));
report.check('Apollo Client wrote no warning or error to the console', warnings.length === 0, warnings.join('\n'));
report.finish();
