// graphql-codegen's typescript-operations over schema/schema.graphql and the documents of tests/clients, configured
// as the README tells a front-end developer to (each custom scalar to string): no field may come out as `unknown`
// (or `any`), and every custom scalar the schema declares must name its specification with @specifiedBy.
// Usage: node clients/codegen.mjs [--print]. Prints one line per check, then "N passed, N failed"; exit 0 = none failed.
import { generate } from '@graphql-codegen/cli';
import { isScalarType, specifiedScalarTypes } from 'graphql';
import { documentsFolder, schema, schemaPath } from './documents.mjs';
import { reporter } from './scenario.mjs';

const report = reporter();
const custom = Object.values(schema.getTypeMap())
  .filter((t) => isScalarType(t) && !specifiedScalarTypes.some((s) => s.name === t.name));
report.check('every custom scalar names its specification (@specifiedBy)', custom.length > 0 && custom.every((t) => t.specifiedByURL),
  custom.filter((t) => !t.specifiedByURL).map((t) => t.name).join(', '));

// What tests/clients/README.md tells a front end: the custom scalars travel as strings.
const scalars = { Money: 'string', Long: 'string', Date: 'string', LocalTime: 'string', DateTime: 'string' };
const unmapped = custom.map((t) => t.name).filter((name) => !(name in scalars));
report.check('every custom scalar has a mapping in the documented codegen configuration', unmapped.length === 0, `unmapped: ${unmapped.join(', ')}`);

let content = '';
try {
  const [output] = await generate({
    schema: schemaPath,
    documents: [`${documentsFolder}/**/*.graphql`],
    silent: true,
    errorsOnly: true,
    generates: { 'operations.ts': { plugins: ['typescript-operations'], config: { scalars, strictScalars: true } } },
  }, false);
  content = output.content;
  report.check('codegen generates the types of every operation', /export type NeighbourhoodActivitiesQuery\b/.test(content)
    && /export type MunicipalityDashboardQuery\b/.test(content) && /export type DescribeInitiativeMutation\b/.test(content), content.slice(0, 2000));
} catch (err) {
  report.check('codegen generates the types of every operation', false, `threw: ${err?.stack ?? err}`);
}

// A field or input field whose type is unknown or any (codegen's own Exact<{ [key: string]: unknown }> helper is no field).
const untyped = content.split('\n').filter((line) => /\b\w+\??:\s*(?:Array<)?(?:unknown|any)\b/.test(line));
report.check('no field is typed unknown or any', content.length > 0 && untyped.length === 0, untyped.join('\n'));
if (process.argv.includes('--print')) console.log(content);
report.finish();
