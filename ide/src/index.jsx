import './workers.js'; // first: Monaco reads MonacoEnvironment when it starts
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css'; // GraphiQL + Monaco styles, fonts inlined as data: URLs
import './page.css';

// The page is served at GET /graphql, so POST queries back to the same path.
const fetcher = createGraphiQLFetcher({ url: window.location.pathname });

// GraphiQL's history plugin saves each run's request headers in localStorage
// even with shouldPersistHeaders=false; strip them so bearer tokens never persist.
const ns = 'graphiql:';
const storage = {
  getItem: (key) => localStorage.getItem(key),
  setItem(key, value) {
    if (/:(queries|favorites)$/.test(key)) {
      try {
        const data = JSON.parse(value);
        for (const item of data?.queries ?? []) delete item.headers;
        value = JSON.stringify(data);
      } catch { /* not JSON: store as is */ }
    }
    localStorage.setItem(key, value);
  },
  removeItem: (key) => localStorage.removeItem(key),
  clear() {
    for (const key of Object.keys(localStorage)) if (key.startsWith(ns)) localStorage.removeItem(key);
  },
  get length() {
    return Object.keys(localStorage).filter((key) => key.startsWith(ns)).length;
  },
};

const defaultQuery = `# Infrastructuur GraphQL IDE
#
# To authenticate, open the "Headers" tab below
# and paste your token as JSON:
#   { "Authorization": "Bearer <your token>" }
# Headers are sent with each request but never
# saved in the browser: paste again after reload.
#
# Run with the ▶ button or Ctrl+Enter. The docs
# explorer is the book icon in the left sidebar.
{
  __typename
}
`;

createRoot(document.getElementById('graphiql')).render(
  <GraphiQL
    fetcher={fetcher}
    storage={storage}
    defaultQuery={defaultQuery}
    isHeadersEditorEnabled
    shouldPersistHeaders={false}
    showPersistHeadersSettings={false} /* users cannot switch header persistence on */
    defaultEditorToolsVisibility="headers"
  >
    <GraphiQL.Logo>Infrastructuur GraphQL IDE</GraphiQL.Logo>
  </GraphiQL>,
);
