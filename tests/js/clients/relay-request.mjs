// Relay's ConcreteRequest for one of the documents, built from its graphql-js AST and the schema: the artifact
// relay-compiler would write, for the part of GraphQL these documents use (fields with arguments, inline fragments on
// object types, named fragments). Named fragments are inlined as relay-compiler does for @relay(mask: false); @connection,
// @defer and inline fragments on interfaces are refused rather than half-built. See tests/clients/README.md.
import { createHash } from 'node:crypto';
import {
  Kind, getNamedType, getNullableType, isAbstractType, isLeafType, isListType, isObjectType, print, valueFromASTUntyped,
} from 'graphql';
import { schema } from './documents.mjs';

export function concreteRequest(document) {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const name = operation.name.value;
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (operation.operation !== 'query' && operation.operation !== 'mutation') throw new Error(`${name}: only queries and mutations`);

  const selections = (selectionSet, parentType) => selectionSet.selections.flatMap((selection) => {
    if (selection.directives?.length) throw new Error(`${name}: directives are not built here (${print(selection)})`);
    if (selection.kind === Kind.FIELD) return [field(selection, parentType)];
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
    const typeName = fragment.typeCondition?.name.value ?? parentType.name;
    const type = schema.getType(typeName);
    if (type === parentType) return selections(fragment.selectionSet, parentType);
    // relay-compiler would add an __is<Interface> alias to the text for these; none of the documents needs one.
    if (isAbstractType(type)) throw new Error(`${name}: a fragment on the interface or union ${typeName} inside ${parentType.name}`);
    return [{ kind: 'InlineFragment', type: typeName, abstractKey: null, selections: selections(fragment.selectionSet, type) }];
  });

  const field = (node, parentType) => {
    const fieldName = node.name.value;
    const alias = node.alias && node.alias.value !== fieldName ? node.alias.value : null;
    if (fieldName === '__typename') return { alias, args: null, kind: 'ScalarField', name: fieldName, storageKey: null };
    const definition = parentType.getFields()[fieldName];
    const type = getNamedType(definition.type);
    const args = node.arguments.length === 0 ? null : node.arguments.map(argument);
    if (isLeafType(type)) return { alias, args, kind: 'ScalarField', name: fieldName, storageKey: null };
    const built = selections(node.selectionSet, type);
    const selects = (leaf) => built.some((s) => s.kind === 'ScalarField' && s.name === leaf && s.alias === null);
    // Relay keeps a record per id: an object that has one must select it, or two answers of one object would not merge.
    if (isObjectType(type) && type.getFields().id && !selects('id')) {
      throw new Error(`${name}: ${parentType.name}.${fieldName} returns ${type.name}, which has an id the document does not select`);
    }
    if (isAbstractType(type) && !selects('__typename')) {
      throw new Error(`${name}: ${parentType.name}.${fieldName} returns the abstract ${type.name} without selecting __typename`);
    }
    return {
      alias,
      args,
      concreteType: isObjectType(type) ? type.name : null,
      kind: 'LinkedField',
      name: fieldName,
      plural: isListType(getNullableType(definition.type)),
      selections: built,
      storageKey: null,
    };
  };

  const argument = (node) => {
    if (node.value.kind === Kind.VARIABLE) return { kind: 'Variable', name: node.name.value, variableName: node.value.name.value };
    if (print(node.value).includes('$')) throw new Error(`${name}: a variable inside a literal argument is not built here`);
    return { kind: 'Literal', name: node.name.value, value: valueFromASTUntyped(node.value) };
  };

  const argumentDefinitions = operation.variableDefinitions.map((v) => ({
    defaultValue: v.defaultValue ? valueFromASTUntyped(v.defaultValue) : null, kind: 'LocalArgument', name: v.variable.name.value,
  }));
  const built = selections(operation.selectionSet, rootType);
  const text = print(document);
  return {
    kind: 'Request',
    fragment: { argumentDefinitions, kind: 'Fragment', metadata: null, name, selections: built, type: rootType.name, abstractKey: null },
    operation: { argumentDefinitions, kind: 'Operation', name, selections: built },
    params: { cacheID: createHash('md5').update(text).digest('hex'), id: null, metadata: {}, name, operationKind: operation.operation, text },
  };
}
