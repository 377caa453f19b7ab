import { existsSync } from 'node:fs';

/**
 * The e-RS specification folder of the conformance suites: ERS_SPEC_DIR, read only by tests. The
 * spec is outside the project, so an ordinary run without it skips those suites; in CI a skip
 * would hide hundreds of tests that never ran, so there its absence is an error.
 */
export const SPEC_DIR: string | undefined = process.env.ERS_SPEC_DIR || undefined;

if (process.env.CI && process.env.CI !== 'false') {
  if (!SPEC_DIR) throw new Error('ERS_SPEC_DIR is not set in CI: the e-RS specification conformance suites cannot run');
  if (!existsSync(SPEC_DIR)) throw new Error(`ERS_SPEC_DIR (${SPEC_DIR}) does not exist in CI: the conformance suites cannot run`);
}

/** `describe` when the spec folder is set, else a skip that says why in its title (never in CI: see above). */
export const describeWithSpec = SPEC_DIR ? describe : describe.skip;
