// The outside documents of tests/clients (*.graphql, one operation or fragment per file), checked against
// schema/schema.graphql as a front end's build would, and handed to each client as a graphql-js DocumentNode.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, buildSchema, isAbstractType, parse, print, validate, visit } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..', '..');
export const documentsFolder = join(repoRoot, 'tests', 'clients');
export const schemaPath = join(repoRoot, 'schema', 'schema.graphql');
export const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

const files = readdirSync(documentsFolder, { recursive: true }).filter((f) => f.endsWith('.graphql')).sort();
export const documentFiles = files.map((f) => join(documentsFolder, f));

const operations = new Map();
const fragments = new Map();
for (const file of documentFiles) {
  for (const definition of parse(readFileSync(file, 'utf8')).definitions) {
    const target = definition.kind === Kind.FRAGMENT_DEFINITION ? fragments : operations;
    const name = definition.name?.value;
    if (!name || target.has(name)) throw new Error(`${relative(repoRoot, file)}: every operation and fragment needs a unique name (${name})`);
    target.set(name, definition);
  }
}

// The operation with the fragments it spreads, directly or through other fragments.
export function operation(name) {
  const op = operations.get(name);
  if (!op) throw new Error(`no operation ${name} in tests/clients`);
  const needed = new Map();
  const collect = (node) => visit(node, {
    FragmentSpread(spread) {
      const fragmentName = spread.name.value;
      if (needed.has(fragmentName)) return;
      const fragment = fragments.get(fragmentName);
      if (!fragment) throw new Error(`${name} spreads the unknown fragment ${fragmentName}`);
      needed.set(fragmentName, fragment);
      collect(fragment);
    },
  });
  collect(op);
  const document = { kind: Kind.DOCUMENT, definitions: [op, ...needed.values()] };
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`${name} does not validate against schema/schema.graphql: ${errors.map((e) => e.message).join('; ')}`);
  return document;
}

export const operationNames = [...operations.keys()];
export const text = (document) => print(document);

// Each interface and union with the object types that implement it, as Apollo's possibleTypes wants it (what
// codegen's fragment-matcher plugin would write from the same schema).
export const possibleTypes = Object.fromEntries(Object.values(schema.getTypeMap())
  .filter((type) => isAbstractType(type) && !type.name.startsWith('__'))
  .map((type) => [type.name, schema.getPossibleTypes(type).map((t) => t.name)]));
