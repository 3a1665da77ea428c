// graphql-inspector diff's completion handler (--onComplete): prints the breaking changes as one JSON line for the
// xunit test (SchemaChangeTests), which checks each against CHANGELOG.md, and leaves the exit code to that test.
const named = (type) => (typeof type === 'string' ? type.replace(/[[\]!]/g, '') : undefined);

module.exports = function report({ breakingChanges }) {
  const changes = breakingChanges.map((change) => {
    const meta = change.meta ?? {};
    const from = Object.keys(meta).find((k) => /^old.*Type$/.test(k));
    const to = Object.keys(meta).find((k) => /^new.*Type$/.test(k));
    return { type: change.type, message: change.message, path: change.path ?? null, from: named(meta[from]) ?? null, to: named(meta[to]) ?? null };
  });
  console.log('BREAKING ' + JSON.stringify(changes));
};
