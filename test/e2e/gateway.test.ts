/**
 * ers-graph in a live supergraph: ers-graph over the simulator, the trust-demo subgraph
 * (examples/trust-demo: Patient and Organisation with synthetic data) and a real Apollo Gateway
 * composing both from their `_service { sdl }`, all on loopback ports. One query through the
 * gateway reads a referrer's worklist, each referral's patient from the trust-demo subgraph and
 * the shortlisted services' site names; the caller's identity headers reach ers-graph (and only
 * ers-graph) through the gateway, and ers-graph makes the same e-RS calls as for the query sent
 * to it directly.
 */
import { randomUUID } from 'node:crypto';
import { RunningGateway, startGateway } from '../../examples/trust-demo/gateway';
import { RunningSubgraph, startTrustDemo } from '../../examples/trust-demo/trust-demo.subgraph';
import { syntheticOrganisation, syntheticPatient } from '../../examples/trust-demo/synthetic';
import { Harness, startHarness, USERS } from '../helpers/harness';

/** The referrer's worklist screen with demographics and site names: what a trust's front end asks the supergraph. */
const THROUGH_GATEWAY = `query ReferrerWorklistWithPatients {
  referralWorklist(type: AWAITING_BOOKING, first: 10) {
    edges {
      node {
        ubrn
        referral {
          ubrn
          patientNhsNumber
          patient { nhsNumber name dateOfBirth }
          shortlist { id name siteOrganisations { odsCode name } }
        }
      }
    }
  }
}`;

/** The same screen asked of ers-graph directly: everything but what the trust-demo subgraph adds. */
const DIRECT = `query ReferrerWorklist {
  referralWorklist(type: AWAITING_BOOKING, first: 10) {
    edges {
      node {
        ubrn
        referral {
          ubrn
          patientNhsNumber
          patient { nhsNumber }
          shortlist { id name siteOrganisations { odsCode } }
        }
      }
    }
  }
}`;

interface WorklistAnswer {
  referralWorklist: {
    edges: Array<{
      node: {
        ubrn: string;
        referral: {
          ubrn: string;
          patientNhsNumber: string;
          patient: { nhsNumber: string; name?: string; dateOfBirth?: string };
          shortlist: Array<{ id: string; name: string; siteOrganisations: Array<{ odsCode: string; name?: string }> }>;
        };
      };
    }>;
  };
}

describe('ers-graph behind an Apollo Gateway with a second subgraph', () => {
  let h: Harness;
  let demo: RunningSubgraph;
  let gateway: RunningGateway;

  beforeAll(async () => {
    // No reads shared across requests, so the gateway's request and the direct one each make their own e-RS calls.
    h = await startHarness({ sharedReads: false });
    demo = await startTrustDemo();
    gateway = await startGateway({
      subgraphs: [
        { name: 'ers', url: h.graphqlUrl },
        { name: 'trust-demo', url: demo.url },
      ],
      ersGraph: 'ers',
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await demo?.stop();
    await h?.close();
  });
  beforeEach(() => h.simulator.resetCalls());

  /** A user with roles at two organisations: ers-graph needs the role headers to act for them. */
  const roleHeaders = () => ({
    'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN',
    'NHSD-End-User-Organisation-ODS': h.simulator.world.referrer.odsCode,
  });

  async function throughGateway(query: string, headers: Record<string, string>) {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: WorklistAnswer | null; errors?: Array<{ message: string; extensions?: any }> };
  }

  it('answers the worklist with each patient from the trust-demo subgraph and the services’ site names, with as many e-RS calls as asking ers-graph directly', async () => {
    const token = await h.idToken(USERS.twoOrganisations);
    const correlationId = randomUUID();

    // Straight to ers-graph first: the e-RS calls the screen costs.
    const direct = await h.query<WorklistAnswer>(DIRECT, undefined, { user: USERS.twoOrganisations, headers: roleHeaders() });
    expect(direct.errors).toBeUndefined();
    const directCalls = h.ersCalls().length;
    h.simulator.resetCalls();

    const federated = await throughGateway(THROUGH_GATEWAY, {
      Authorization: `Bearer ${token}`,
      ...roleHeaders(),
      'X-Correlation-ID': correlationId,
    });
    expect(federated.errors).toBeUndefined();
    const gatewayCalls = h.ersCalls();

    const items = federated.data!.referralWorklist.edges.map((edge) => edge.node);
    expect(items.length).toBeGreaterThan(1);
    // The same referrals and NHS numbers as ers-graph answers alone.
    expect(items.map((item) => [item.ubrn, item.referral.patientNhsNumber])).toEqual(
      direct.data!.referralWorklist.edges.map((edge) => [edge.node.ubrn, edge.node.referral.patientNhsNumber]),
    );
    const sites = new Set<string>();
    for (const { referral } of items) {
      // ers-graph's stub, resolved by the trust-demo subgraph from the NHS number alone.
      const person = syntheticPatient(referral.patientNhsNumber);
      expect(referral.patient).toEqual({ nhsNumber: referral.patientNhsNumber, name: person.name, dateOfBirth: person.dateOfBirth });
      expect(referral.shortlist.length).toBeGreaterThan(0);
      for (const service of referral.shortlist) {
        expect(service.name).toEqual(expect.any(String));
        for (const site of service.siteOrganisations) {
          expect(site.name).toBe(syntheticOrganisation(site.odsCode).name);
          sites.add(site.odsCode);
        }
      }
    }
    expect(sites.size).toBeGreaterThan(0);

    // ers-graph made exactly the calls it makes for the direct query: A008, an A005 per referral, A035 per 20 services.
    expect(gatewayCalls.length).toBe(directCalls);
    expect(gatewayCalls.filter((call) => /^\/STU3\/ReferralRequest\/\d{12}$/.test(call.path)).length).toBe(items.length);
    // The trust-demo subgraph answered Patient and Organisation in `_entities`, ers-graph none (it owns the root).
    expect(demo.entityRequests().representations).toBeGreaterThanOrEqual(items.length);

    // The caller's identity reached ers-graph through the gateway: every e-RS call carries the role and correlation id sent to the gateway.
    expect(gatewayCalls.length).toBeGreaterThan(0);
    for (const call of gatewayCalls) {
      expect(call.headers['x-correlation-id']).toBe(correlationId);
      expect(call.headers['nhsd-ers-business-function']).toBe('REFERRING_CLINICIAN');
      expect(call.headers['nhsd-end-user-organisation-ods']).toBe(h.simulator.world.referrer.odsCode);
    }
    // ...and only ers-graph: the trust-demo subgraph never saw the user's token or e-RS role.
    expect(demo.headersSeen()).not.toEqual(expect.arrayContaining(['authorization']));
    expect(demo.headersSeen().filter((name) => name.startsWith('nhsd-') || name === 'x-correlation-id')).toEqual([]);
  });

  it('needs the caller’s token: without Authorization ers-graph refuses its fields with UNAUTHENTICATED and calls nothing', async () => {
    const result = await throughGateway(THROUGH_GATEWAY, roleHeaders());
    expect(result.data?.referralWorklist ?? null).toBeNull();
    expect(result.errors!.map((error) => error.extensions?.code)).toContain('UNAUTHENTICATED');
    expect(h.simulator.calls).toHaveLength(0);
  });

  it('needs the role headers: without them a user with two roles is refused and nothing is read', async () => {
    const token = await h.idToken(USERS.twoOrganisations);
    const result = await throughGateway(THROUGH_GATEWAY, { Authorization: `Bearer ${token}` });
    expect(result.data?.referralWorklist ?? null).toBeNull();
    expect(result.errors!.length).toBeGreaterThan(0);
    expect(h.ersCalls()).toHaveLength(0);
  });
});
