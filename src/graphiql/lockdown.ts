import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** What errors show of the schema (introspection itself is Apollo's `introspection` option, GraphiQL a route of its own). */
export interface SchemaExposure {
  /** GRAPHQL_SUGGESTIONS: graphql-js's "Did you mean ...?" kept in error messages. */
  suggestions: boolean;
}

/** The message a caller gets for introspection when it is off (Apollo's own names Apollo's constructor option). */
export const INTROSPECTION_DISABLED_MESSAGE =
  'Introspection is turned off on this server (GRAPHQL_INTROSPECTION=false): the schema is published as SDL, schema/schema.graphql in the ers-graph repository';

/** graphql-js's suggestion at the end of a message: ` Did you mean "referral" or "referrals"?`, `Did you mean the enum value "URGENT"?`. */
const SUGGESTION = / ?Did you mean [\s\S]+?\?$/;

/** Removes graphql-js's suggestion from the end of a message. */
export function withoutSuggestion(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * Takes the schema's names out of errors when suggestions are off: validation errors and the
 * variable coercion errors graphql-js raises before execution (Apollo's
 * `hideSchemaDetailsFromClientErrors` covers validation only), down the `originalError` chain so
 * that the error formatter sees the same text; and says why introspection was refused.
 */
export function schemaExposurePlugin(exposure: SchemaExposure): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.extensions?.validationErrorCode === 'INTROSPECTION_DISABLED') error.message = INTROSPECTION_DISABLED_MESSAGE;
            if (exposure.suggestions) continue;
            for (let cause: unknown = error; cause instanceof GraphQLError; cause = cause.originalError) {
              cause.message = withoutSuggestion(cause.message);
            }
          }
        },
      };
    },
  };
}
