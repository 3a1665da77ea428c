// Validates answers of our HSDS API (/hsds/...) against HSDS 3's OpenAPI and schemas with ajv + ajv-formats, every $ref
// resolved inside standards/hsds-3/ (the copies, never the network; how each resolves: standards/hsds-3/README.md).
// Usage: node hsds.mjs <manifest.json>, the manifest a JSON array of { "operation": "/services/{id}", "file": "<answer.json>" }
// with the operation as the OpenAPI's path. Prints the errors, then "valid: N answers, M objects, 0 errors" (M: the
// objects of every list, or the answer itself, and every service nested in one) or "invalid: N errors"; exit 0 = valid.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const manifestFile = process.argv[2];
if (!manifestFile || process.argv.length > 3) {
  console.error('usage: node hsds.mjs <manifest.json>');
  process.exit(2);
}

const folder = join(dirname(fileURLToPath(import.meta.url)), 'standards', 'hsds-3');
const BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';
// Not strict: the schemas carry HSDS's own annotations (constraints, core, datapackage_type …) beside JSON Schema's.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

const openapi = JSON.parse(readFileSync(join(folder, 'openapi.json'), 'utf8'));
const files = readdirSync(folder).filter(f => f.endsWith('.json') && f !== 'openapi.json');
for (const f of files) {
  const schema = JSON.parse(readFileSync(join(folder, f), 'utf8'));
  schema.$id = BASE + f;
  if (!ajv.validateSchema(schema)) {
    console.error(`${f} is not a valid 2020-12 schema: ${ajv.errorsText(ajv.errors)}`);
    process.exit(1);
  }
  ajv.addSchema(schema);
}

// A reference of the OpenAPI: a local component is copied in; a schema URL must name a file here (compiled/X and
// compiled/X_list name X.json).
const resolve = (ref) => {
  if (!ref.startsWith(BASE)) {
    throw new Error(`unresolved $ref ${ref}`);
  }
  const name = ref.slice(BASE.length).replace(/^compiled\//, '').replace(/_list\.json$/, '.json');
  if (!files.includes(name)) {
    throw new Error(`unresolved $ref ${ref}: no ${name} in ${folder}`);
  }
  return BASE + name;
};
const inline = (node) => {
  if (Array.isArray(node)) return node.map(inline);
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    const target = node.$ref.slice(2).split('/').reduce((n, key) => n[key], openapi);
    const { $ref, ...rest } = node;
    return { ...inline(target), ...inline(rest) };
  }
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === '$ref' && typeof value === 'string' ? resolve(value) : inline(value);
  }
  return copy;
};

// See standards/hsds-3/README.md: the OpenAPI's one copy slip.
const overrides = { '/service_at_locations/{id}': { $ref: BASE + 'service_at_location.json' } };
const validators = new Map();
const validatorOf = (operation) => {
  if (!validators.has(operation)) {
    const schema = overrides[operation] ?? openapi.paths[operation]?.get?.responses?.['200']?.content?.['application/json']?.schema;
    if (!schema) {
      throw new Error(`no operation GET ${operation} with a 200 JSON answer in the OpenAPI`);
    }
    validators.set(operation, ajv.compile(inline(schema)));
  }
  return validators.get(operation);
};
const service = ajv.getSchema(BASE + 'service.json');

let errors = 0;
let objects = 0;
const check = (validate, data, where, count = 1) => {
  objects += count;
  if (!validate(data)) {
    for (const error of validate.errors.slice(0, 20)) {
      console.log(`${where} ${error.instancePath || '/'} ${error.message} (${error.schemaPath})`);
    }
    errors += validate.errors.length;
  }
};

const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
for (const { operation, file } of manifest) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  // An answer counts as the objects it holds: a list's contents, or itself.
  const items = Array.isArray(data.contents) ? data.contents : [data];
  check(validatorOf(operation), data, operation, items.length);
  // What the per-object schemas do not name: an organization's services, a service_at_location's service.
  items.forEach((item, i) => {
    (Array.isArray(item.services) ? item.services : []).forEach((s, j) => check(service, s, `${operation} [${i}].services[${j}]`));
    if (item.service && typeof item.service === 'object' && operation.startsWith('/service_at_locations')) {
      check(service, item.service, `${operation} [${i}].service`);
    }
  });
}

if (errors === 0) {
  console.log(`valid: ${manifest.length} answers, ${objects} objects, 0 errors`);
  process.exit(0);
}
console.log(`invalid: ${errors} errors`);
process.exit(1);
