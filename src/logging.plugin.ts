import type { ApolloServerPlugin } from '@apollo/server';
import type { ServerContext } from './context';
import { errorCode } from './errors';
import { loggableOperationName } from './client-strings';

/**
 * One log line per GraphQL request: operation name and type, duration, error codes and the
 * correlation id. Never the query text's arguments, variables or results (they carry patient
 * data).
 */
export function loggingPlugin(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          const codes = (errors ?? []).map(errorCode);
          contextValue.log.info(
            {
              // Client-chosen: logged only when it cannot hold a patient identifier (src/client-strings.ts).
              operationName: loggableOperationName(operationName),
              operationType: operation?.operation ?? null,
              durationMs: Math.round(performance.now() - started),
              errorCodes: codes.length > 0 ? [...new Set(codes)] : undefined,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
