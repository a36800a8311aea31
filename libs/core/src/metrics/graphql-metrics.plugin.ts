import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { BoundedLabel, MetricsService } from './metrics.service.js';

/**
 * GraphQL operations by name, type and outcome (`ok` or the first error's code). Operation names come from
 * clients, so at most 300 distinct well-formed names are kept (the web app uses fewer); the rest count as `_other`.
 */
@Plugin()
export class GraphqlMetricsPlugin implements ApolloServerPlugin {
  private readonly names = new BoundedLabel(300);
  private readonly codes = new BoundedLabel(100, /^[A-Z][A-Z0-9_]{0,63}$/);
  private readonly operations;
  private readonly duration;

  constructor(metrics: MetricsService) {
    this.operations = metrics.counter({
      name: 'noden_graphql_operations_total',
      help: 'GraphQL operations by operation name, type and outcome (ok or error code)',
      labelNames: ['operation', 'type', 'outcome'],
    });
    this.duration = metrics.histogram({
      name: 'noden_graphql_operation_duration_seconds',
      help: 'GraphQL operation latency by operation name, type and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  async requestDidStart(): Promise<GraphQLRequestListener<BaseContext>> {
    const started = process.hrtime.bigint();
    return {
      willSendResponse: async ({ operation, operationName, response, errors }) => {
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        const first = errors?.[0] ?? body?.errors?.[0];
        const code = first?.extensions?.code;
        const labels = {
          operation: this.names.of(operation?.name?.value ?? operationName),
          type: operation?.operation ?? 'invalid',
          outcome: first ? this.codes.of(typeof code === 'string' ? code : undefined, 'ERROR') : 'ok',
        };
        this.operations.inc(labels);
        this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      },
    };
  }
}
