import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  astFromValue,
  type DocumentNode,
  execute,
  type ExecutionResult,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  OperationTypeNode,
  type GraphQLSchema,
  typeFromAST,
  valueFromASTUntyped,
  type VariableDefinitionNode,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<never>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type Variables = Record<string, unknown>;

/**
 * Runs each query and mutation as JavaScript compiled for its document once (graphql-jit) instead of interpreting it
 * field by field and row by row (graphql-js): a list page's 50 rows × 10 fields cost no argument coercion, field
 * lookup or promise check per cell. Apollo Server still parses, validates, limits and formats as before; it only
 * hands execution to the `executor` of what it calls a gateway, the hook it keeps for executing elsewhere.
 *
 * Variables are still coerced by graphql-js first: its errors name the variable and the path of the bad value (which
 * formatGraphqlError turns into the form field to correct), and it fills in the defaults of input fields, which
 * graphql-jit leaves out. Anything graphql-jit cannot compile is run by graphql-js, so its error reads as before.
 */
export class CompiledExecutor implements Gateway {
  private schema: GraphQLSchema | undefined;
  /** Per parsed document (Apollo caches those per query text, so each compiles once) and operation name. */
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  /** The schema as Nest built and transformed it: the `transformSchema` hook passes it on here. */
  use(schema: GraphQLSchema): GraphQLSchema {
    this.schema = schema;
    return schema;
  }

  onSchemaLoadOrUpdate(callback: Parameters<Gateway['onSchemaLoadOrUpdate']>[0]): () => void {
    callback({ apiSchema: this.schemaOrFail(), coreSupergraphSdl: '' });
    return () => undefined;
  }

  async load(): Promise<{ executor: Executor }> {
    return {
      executor: async ({ document, request, context }) =>
        this.execute(document, request.operationName, request.variables ?? {}, context),
    };
  }

  async stop(): Promise<void> {}

  private async execute(
    document: DocumentNode,
    operationName: string | undefined,
    variables: Variables,
    context: unknown,
  ): Promise<ExecutionResult> {
    const schema = this.schemaOrFail();
    const query = this.compiledFor(schema, document, operationName);
    if (!query) return execute({ schema, document, operationName, variableValues: variables, contextValue: context });
    const definitions = getOperationAST(document, operationName)?.variableDefinitions ?? [];
    let given = variables;
    if (definitions.length) {
      const coerced = getVariableValues(schema, definitions, variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
      given = withInputDefaults(schema, definitions, variables);
    }
    // eslint-disable-next-line no-restricted-syntax -- graphql-jit's compiled document, not SQL
    const result = await query.query(undefined, context, given);
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlError) } : result;
  }

  private compiledFor(schema: GraphQLSchema, document: DocumentNode, operationName?: string): CompiledQuery | null {
    let byOperation = this.compiled.get(document);
    if (!byOperation) this.compiled.set(document, (byOperation = new Map<string, CompiledQuery | null>()));
    const key = operationName ?? '';
    let query = byOperation.get(key);
    if (query === undefined) {
      const operation = getOperationAST(document, operationName)?.operation;
      const compiled =
        operation === OperationTypeNode.QUERY || operation === OperationTypeNode.MUTATION
          ? compileQuery(schema, document, operationName, {
              // The stack of a null in a non-null field helps nobody and costs a capture per error.
              disablingCapturingStackErrors: true,
            })
          : null;
      byOperation.set(key, (query = compiled && isCompiledQuery(compiled) ? compiled : null));
    }
    return query;
  }

  private schemaOrFail(): GraphQLSchema {
    if (!this.schema) throw new Error('CompiledExecutor: the schema was not passed on by transformSchema');
    return this.schema;
  }
}

/**
 * The variables as sent, with every omitted input field that has a default given it, written as a client would send
 * it: graphql-jit then coerces them as graphql-js did (it would report such a field as missing).
 */
function withInputDefaults(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  variables: Variables,
): Variables {
  const filled: Variables = { ...variables };
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (type && filled[name] != null) filled[name] = fillDefaults(filled[name], type);
  }
  return filled;
}

function fillDefaults(value: unknown, type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (value == null) return value;
  if (nullable instanceof GraphQLList)
    return Array.isArray(value)
      ? value.map((item) => fillDefaults(item, nullable.ofType))
      : fillDefaults(value, nullable.ofType);
  if (!(nullable instanceof GraphQLInputObjectType) || typeof value !== 'object') return value;
  const given = value as Variables;
  const filled: Variables = { ...given };
  for (const field of Object.values(nullable.getFields())) {
    if (given[field.name] === undefined && field.defaultValue !== undefined) {
      const ast = astFromValue(field.defaultValue, field.type);
      if (ast) filled[field.name] = valueFromASTUntyped(ast);
    } else if (given[field.name] != null) filled[field.name] = fillDefaults(given[field.name], field.type);
  }
  return filled;
}

/**
 * graphql-jit's errors only look like graphql-js's (no `extensions` object unless the thrown error had one): Apollo
 * and formatGraphqlError expect the real thing.
 */
function asGraphqlError(error: GraphQLError): GraphQLError {
  if (Object.getPrototypeOf(error) === GraphQLError.prototype) return error;
  const normal = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  return Object.assign(normal, { locations: error.locations });
}
