import type { FastifyInstance } from 'fastify';
import { COMMUNICATION_INCLUDES, type CommunicationInclude, renderConversationBundle } from '../fhir/communication';
import { stu3Error } from '../fhir/outcomes';
import { registerFhirRoute, resource } from '../http/fhir-route';
import type { SimulatorState } from '../state';
import { findAdviceFor } from './communication-request.routes';

const BASED_ON = /^CommunicationRequest\/(\d{12})\/_history\/([1-9]\d*)$/;

/** A025: GET /STU3/Communication?based-on=CommunicationRequest/{ubrn}/_history/{version}[&_include=...]. */
export function registerCommunicationRoutes(app: FastifyInstance, sim: SimulatorState): void {
  registerFhirRoute(app, sim, {
    method: 'GET',
    url: '/STU3/Communication',
    endpoint: 'A025',
    handler: (request, caller) => {
      const search = new URLSearchParams(request.url.split('?')[1] ?? '');
      const basedOn = search.getAll('based-on');
      if (basedOn.length === 0) return stu3Error(400, 'MISSING_PARAMETER', "The 'based-on' search parameter is required.");
      const match = basedOn.length === 1 ? BASED_ON.exec(basedOn[0]) : null;
      if (!match) return stu3Error(400, 'INVALID_VALUE', "'based-on' must be one CommunicationRequest/{ubrn}/_history/{version}.");

      const known = Object.entries(COMMUNICATION_INCLUDES) as Array<[CommunicationInclude, string]>;
      const includes = new Set<CommunicationInclude>();
      for (const value of search.getAll('_include')) {
        // The spec spells the sender include "PractionerRole"; the correct spelling is accepted too.
        const found = known.find(([, v]) => v === value || v.replace('PractionerRole', 'PractitionerRole') === value);
        if (!found)
          return stu3Error(400, 'INVALID_VALUE', `Unsupported _include '${value}'; expected one of ${known.map(([, v]) => v).join(', ')}.`);
        includes.add(found[0]);
      }
      // Without _include e-RS currently includes everything ("the default includes behaviour is subject to change").
      if (search.getAll('_include').length === 0) for (const [name] of known) includes.add(name);

      // This page's error table reports INVALID_REQUEST_TYPE and NO_RELATIONSHIP as 400.
      const found = findAdviceFor(sim, match[1], caller, 400);
      if ('kind' in found) return found;
      if (Number(match[2]) !== found.versionId) {
        return stu3Error(
          404,
          'HISTORY_NOT_SUPPORTED',
          `Only the current version (${found.versionId}) of CommunicationRequest ${found.ubrn} can be used.`,
        );
      }
      const selfUrl = `${sim.baseUrl}${request.url.replace(/^\/FHIR/, '')}`;
      return resource(renderConversationBundle(sim.world, found, sim.baseUrl, selfUrl, includes));
    },
  });
}
