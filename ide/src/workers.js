// Monaco (used by GraphiQL 5) runs language services in web workers. They are
// bundled by build.mjs as separate same-origin files next to graphiql.js, so
// no CDN and no blob:/eval is needed under the server's Content-Security-Policy.
// This module must be imported before anything that loads Monaco.
const base = new URL('.', import.meta.url); // i.e. /graphql/ide/

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const file = label === 'graphql' ? 'graphql.worker.js' : label === 'json' ? 'json.worker.js' : 'editor.worker.js';
    return new Worker(new URL(file, base), { name: label });
  },
};
