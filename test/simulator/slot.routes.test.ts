import { buildWorld, startSimulator, type RunningSimulator } from '../../simulator';
import { freeSlots } from '../../simulator/data/slots';
import { asUser } from './helpers/caller';
import { call, errorCode, type Json } from './helpers/fhir';

describe('A015 retrieve appointment slots', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  let headers: Record<string, string>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1 });
    http = call(sim.baseUrl);
    headers = { ...(await asUser(sim, 'REFERRING_CLINICIAN')), 'NHSD-eRS-Comm-Rule-Org': sim.world.commissioner.odsCode };
  });
  afterAll(async () => {
    await sim.close();
  });

  const dbs = () => sim.world.services.find((s) => s.bookableType === 'DIRECTLY_BOOKABLE' && s.clinicianUserIds.length > 0)!;
  const slots = (query: string, h = headers) => http.get(`/STU3/Slot?${query}`, h);
  const base = (serviceId: string, extra = ''): string =>
    `schedule.actor:HealthcareService=${serviceId}&appointmentType=ROUTINE&status=free&_count=5&page=1${extra}`;

  it('builds a deterministic schedule on weekdays after the anchor, for every directly bookable service', () => {
    // The seed books into the schedule while it replays the past, so the world's schedule is compared with a rebuilt world's.
    const again = buildWorld({ seed: sim.world.seed, anchor: sim.world.anchor });
    expect(again.slotSchedule).toEqual(sim.world.slotSchedule);
    const serviceIds = new Set(sim.world.slotSchedule.slots.map((s) => s.serviceId));
    expect([...serviceIds].sort()).toEqual(
      sim.world.services
        .filter((s) => s.bookableType === 'DIRECTLY_BOOKABLE')
        .map((s) => s.id)
        .sort(),
    );
    // Slots run from the day after the anchor: none has started by the world's "now".
    const firstDay = new Date(sim.world.anchor);
    firstDay.setUTCHours(24, 0, 0, 0);
    for (const slot of sim.world.slotSchedule.slots) {
      expect(slot.start >= firstDay.toISOString()).toBe(true);
      expect([0, 6]).not.toContain(new Date(slot.start).getUTCDay());
    }
  });

  it('keeps one directly bookable service per specialty fully booked, so referrers can defer to it (A016 NO_SLOTS_AT_SERVICE)', () => {
    const after = new Date(sim.now()).toISOString();
    const bookable = sim.world.services.filter((s) => s.bookableType === 'DIRECTLY_BOOKABLE');
    const full = bookable.filter((s) => freeSlots(sim.world.slotSchedule, { serviceId: s.id, priority: 'URGENT', after }).length === 0);
    expect(new Set(full.map((s) => s.specialty)).size).toBe(new Set(bookable.map((s) => s.specialty)).size);
    expect(full.length).toBeLessThan(bookable.length);
  });

  it('returns a page of free slots with their schedules and paging links', async () => {
    const service = dbs();
    const response = await slots(base(service.id));
    expect(response.status).toBe(200);
    const body = response.data;
    const expected = freeSlots(sim.world.slotSchedule, {
      serviceId: service.id,
      priority: 'ROUTINE',
      after: new Date(sim.now()).toISOString(),
    });
    expect(body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: expected.length });
    const slotEntries = body.entry.filter((e: Json) => e.resource.resourceType === 'Slot');
    expect(slotEntries.map((e: Json) => e.resource.id)).toEqual(expected.slice(0, 5).map((s) => s.id));
    for (const e of slotEntries) {
      expect(e.search.mode).toBe('match');
      expect(e.resource).toMatchObject({ status: 'free', identifier: [{ system: 'https://fhir.nhs.uk/Id/alternative-slot' }] });
      const schedule = body.entry.find((s: Json) => `Schedule/${s.resource.id}` === e.resource.schedule.reference);
      expect(schedule.search.mode).toBe('include');
      expect(schedule.resource.actor[0].identifier).toEqual({ system: 'http://fhir.nhs.net/Id/ers-service', value: service.id });
    }
    expect(body.link.map((l: Json) => l.relation)).toEqual(['self', 'next']);
    const page2 = await slots(base(service.id).replace('page=1', 'page=2'));
    expect(page2.data.link.map((l: Json) => l.relation)).toEqual(['self', 'previous', 'next']);
    expect(page2.data.entry.find((e: Json) => e.resource.resourceType === 'Slot').resource.id).toBe(expected[5].id);
  });

  it('offers urgent referrals the urgent-only slots too, and filters by named clinician', async () => {
    const service = dbs();
    const routine = (await slots(base(service.id))).data.total;
    const urgent = (await slots(base(service.id).replace('ROUTINE', 'URGENT'))).data.total;
    expect(urgent).toBeGreaterThan(routine);
    const clinician = service.clinicianUserIds[0];
    const named = await slots(base(service.id, `&schedule.actor:Practitioner=${clinician}`).replace('_count=5', '_count=100'));
    expect(named.status).toBe(200);
    const schedules = named.data.entry.filter((e: Json) => e.resource.resourceType === 'Schedule');
    for (const s of schedules)
      expect(s.resource.actor[1].identifier).toEqual({ system: 'http://fhir.nhs.net/Id/sds-user-id', value: clinician });
  });

  it('answers 400 for bad input: missing header, missing parameter, bad count, page out of range, unknown or indirect service', async () => {
    const service = dbs();
    const { ['NHSD-eRS-Comm-Rule-Org']: _omit, ...noHeader } = headers;
    expect(errorCode((await slots(base(service.id), noHeader)).data)).toBe('MISSING_HEADER');
    expect(errorCode((await slots(base(service.id).replace('&status=free', ''))).data)).toBe('MISSING_PARAMETER');
    expect(errorCode((await slots(base(service.id).replace('_count=5', '_count=101'))).data)).toBe('INVALID_VALUE');
    const outOfRange = await slots(base(service.id).replace('page=1', 'page=999'));
    expect([outOfRange.status, errorCode(outOfRange.data)]).toEqual([400, 'INVALID_VALUE']);
    expect(errorCode((await slots(base('99999'))).data)).toBe('REFERENCE_NOT_FOUND');
    const indirect = sim.world.services.find((s) => s.bookableType === 'INDIRECTLY_BOOKABLE')!;
    expect(errorCode((await slots(base(indirect.id))).data)).toBe('INVALID_STATE');
    expect(errorCode((await slots(base(service.id).replace('ROUTINE', 'SOON'))).data)).toBe('INVALID_CODE');
  });

  it('is refused to provider roles (403)', async () => {
    const response = await slots(base(dbs().id), { ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')), 'NHSD-eRS-Comm-Rule-Org': 'Q9Z' });
    expect(response.status).toBe(403);
  });
});
