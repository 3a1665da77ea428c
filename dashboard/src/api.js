// The page speaks to the public GraphQL API only, and only with registered documents (sent by documentId).
/* global DOCUMENT_IDS */

export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** Runs the registered operation `name`; the token, when pasted, is kept in memory only (never stored). */
export async function run(name, variables, { token, lang }) {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json',
    'accept-language': lang,
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ documentId: DOCUMENT_IDS[name], variables }),
  });
  const body = await response.json().catch(() => null);
  const error = body?.errors?.[0];
  if (error || !body?.data) {
    throw new ApiError(error?.message ?? `HTTP ${response.status}`, error?.extensions?.code ?? 'INTERNAL');
  }
  return body.data;
}

/**
 * The pages of a connection, at most `maxPages`: `pick` finds it in an answer, `cursor` names the variable that takes
 * its endCursor, `after` is where to start.
 */
export async function allPages(name, variables, options, pick, cursor, maxPages = 20, after = null) {
  const items = [];
  for (let i = 0; i < maxPages; i++) {
    const data = await run(name, { ...variables, [cursor]: after }, options);
    const connection = pick(data);
    items.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return { items, complete: true };
    after = connection.pageInfo.endCursor;
  }
  return { items, complete: false };
}
