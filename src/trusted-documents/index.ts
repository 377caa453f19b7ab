export { documentHash, parseTrustedDocuments, persistedDocuments, type TrustedDocuments } from './manifest';
export {
  APQ_MAX_DOCUMENT_LENGTH,
  APQ_TTL_SECONDS,
  AutomaticPersistedQueries,
  TrustedDocumentsCache,
  persistable,
  persistedQueriesOption,
} from './persisted-queries';
export { checkPersistedDocuments } from './persisted-documents.hook';
