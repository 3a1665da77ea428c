// Validates a 360Giving data package (our /open-data/360giving.json) against the published package schema with ajv,
// every $ref resolved inside standards/360giving/ (the copies, never the network).
// Usage: node threesixtygiving.mjs <package.json>. Prints the errors, then "valid: N grants, 0 errors" or
// "invalid: N errors"; exit 0 = valid.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('usage: node threesixtygiving.mjs <package.json>');
  process.exit(2);
}

const folder = join(dirname(fileURLToPath(import.meta.url)), 'standards', '360giving');
// Not strict: the published schema is written in a style ajv's strict mode refuses (required names under oneOf without
// properties beside them); its meaning is standard JSON Schema 2020-12.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// The standard's own annotations (codelists, CSV roll-up hints): keywords without validation.
ajv.addKeyword('codelist');
ajv.addKeyword('rollUp');

// The schemas say "http://json-schema.org/draft/2020-12/schema", the draft Ajv2020 implements under its https id; each
// is checked against that meta-schema and added under its $id and its file name.
const schemas = Object.fromEntries(readdirSync(folder).filter(f => f.endsWith('.json')).map(f => {
  const schema = JSON.parse(readFileSync(join(folder, f), 'utf8'));
  delete schema.$schema;
  if (!ajv.validateSchema(schema)) {
    console.error(`${f} is not a valid 2020-12 schema: ${ajv.errorsText(ajv.errors)}`);
    process.exit(1);
  }
  return [f, schema];
}));
for (const schema of Object.values(schemas)) {
  ajv.addSchema(schema);
}

// A $ref to a URL no schema has as $id resolves to the file of the same name here (the package schema names the grant
// schema by its 1.4.2 URL; the copy beside it is 1.4.3).
const refs = [];
const walk = node => {
  if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string' && /^https?:/.test(node.$ref)) refs.push(node.$ref);
    Object.values(node).forEach(walk);
  }
};
Object.values(schemas).forEach(walk);
for (const ref of new Set(refs)) {
  if (!ajv.getSchema(ref)) {
    const local = schemas[basename(new URL(ref).pathname)];
    if (!local) {
      console.error(`unresolved $ref ${ref}: no such file in ${folder}`);
      process.exit(1);
    }
    ajv.addSchema({ ...local, $id: ref });
  }
}

const validate = ajv.getSchema(schemas['360-giving-package-schema.json'].$id);
const data = JSON.parse(readFileSync(file, 'utf8'));
if (validate(data)) {
  console.log(`valid: ${data.grants.length} grants, 0 errors`);
  process.exit(0);
}

for (const error of validate.errors.slice(0, 50)) {
  console.log(`${error.instancePath || '/'} ${error.message} (${error.schemaPath})`);
}
console.log(`invalid: ${validate.errors.length} errors`);
process.exit(1);
