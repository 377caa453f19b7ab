import pino, { DestinationStream, Logger } from 'pino';

/**
 * Paths that may carry tokens or patient data. pino removes them before a line is written,
 * so a careless `log.info({ req })` still cannot leak them.
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'req.headers.authorization',
  'nhsNumber',
  '*.nhsNumber',
  'patientNhsNumber',
  '*.patientNhsNumber',
  'variables',
  '*.variables',
  'body',
  '*.body',
  'fhir',
  '*.fhir',
];

/** The process logger: JSON lines to stdout (or `destination`), redacted by default. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'ers-graph' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
