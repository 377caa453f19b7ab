export { registerGraphiql, prefersHtml, type GraphiqlDeps } from './graphiql.route';
export { schemaExposurePlugin, INTROSPECTION_DISABLED_MESSAGE, withoutSuggestion, type SchemaExposure } from './lockdown';
export { exampleOperations, type ExampleTab } from './example-operations';
export { CONTENT_SECURITY_POLICY, EXAMPLE_USERS } from './page';
