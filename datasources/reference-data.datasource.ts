import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';
import type { CodeSystem, CodeSystemType } from '../schema/code-system.type';
import { codeSystemTypeForSystem } from './ers/code-system.mapper';

/**
 * e-RS reference data: code systems (A004).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 *
 * Endpoint -> method:
 * - A004 -> `codeSystem`, `conceptDisplay` (each code system read at most once per request, and
 *   shared by every caller for an hour; for roles that may not call A004, with the deployment's
 *   application-restricted token or not at all);
 *   `codeSystemTypeOf` calls nothing (which A004 code system a coding's system names)
 */
export class ReferenceDataDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}

  /** A004: one e-RS code system with all its concepts. */
  codeSystem(type: CodeSystemType): Promise<CodeSystem> {
    return this.loaders.codeSystem.load(type);
  }

  /** A004 (no call): the e-RS code system a coding's `system` URL names, or null when none does. */
  codeSystemTypeOf(system: string): CodeSystemType | null {
    return codeSystemTypeForSystem(system);
  }

  /**
   * A004: the display text of a code in an e-RS code system, or null when it has no such code.
   * `callerMayRead`: whether the caller's role may call A004 itself; when not (admin roles), the
   * text comes from the reference data every caller shares (read with the deployment's
   * application-restricted token when it has one), and is null, never an error, when there is none.
   */
  async conceptDisplay(type: CodeSystemType, code: string, callerMayRead = true): Promise<string | null> {
    const system = callerMayRead ? await this.loaders.codeSystem.load(type) : await this.loaders.codeSystemForDisplay.load(type);
    return system?.concepts.find((concept) => concept.code === code)?.display ?? null;
  }
}
