/**
 * The simulator lives in today: its world is anchored at the clock (midnight UTC of the day it
 * starts, or SIMULATOR_ANCHOR), its slots are all still to come and its past is before the clock;
 * a clock weeks later gives the same world weeks later, the same seed and clock the same world;
 * and a slot that has started can no longer be booked (A016) nor is it offered (A015).
 */
import { anchorFor, buildWorld, simulatorAnchor, startSimulator, type RunningSimulator, type World } from '../../simulator';
import { onReferralWorklist } from '../../simulator/data/worklists';
import { renderReferralWorklist } from '../../simulator/fhir/worklist';
import { asUser } from './helpers/caller';
import { call, errorCode, type Json } from './helpers/fhir';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** A Wednesday afternoon. */
const NOW = Date.parse('2026-12-09T14:30:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Every ISO instant the world holds for its past: referral versions, appointments' creation, A&G messages, attachments. */
function pastInstants(world: World): string[] {
  return [
    ...world.referrals.flatMap((r) => [
      r.createdAt,
      ...(r.pathwayStart ? [r.pathwayStart] : []),
      ...r.versions.flatMap((v) => [
        v.recordedAt,
        ...(v.appointment ? [v.appointment.created] : []),
        ...(v.clinicalInfoFirstSubmitted ? [v.clinicalInfoFirstSubmitted] : []),
        ...(v.clinicalInfoLastUpdated ? [v.clinicalInfoLastUpdated] : []),
      ]),
    ]),
    ...world.adviceAndGuidance.flatMap((a) => [a.createdAt, a.lastUpdatedAt, ...a.messages.map((m) => m.sentAt)]),
    ...world.attachments.map((a) => a.indexedAt),
    world.referenceData.publishedAt,
  ];
}

describe('a world anchored at the clock', () => {
  const world = buildWorld({ seed: 3, now: NOW });

  it('anchors at midnight UTC of the clock’s day, the same all day', () => {
    expect(world.anchor).toBe('2026-12-09T00:00:00.000Z');
    expect(anchorFor(Date.parse('2026-12-09T00:00:00.000Z'))).toBe(world.anchor);
    expect(anchorFor(Date.parse('2026-12-09T23:59:59.999Z'))).toBe(world.anchor);
    expect(anchorFor(Date.parse('2026-12-10T00:00:00.000Z'))).toBe('2026-12-10T00:00:00.000Z');
  });

  it('puts every slot after the clock, on weekdays within six weeks', () => {
    const slots = world.slotSchedule.slots;
    expect(slots.length).toBeGreaterThan(1000);
    for (const slot of slots) {
      expect(Date.parse(slot.start)).toBeGreaterThan(NOW);
      expect(Date.parse(slot.start)).toBeLessThan(NOW + 43 * DAY);
      expect([0, 6]).not.toContain(new Date(slot.start).getUTCDay());
    }
    // Tomorrow's clinics are the first.
    expect(
      slots
        .map((s) => s.start)
        .sort()[0]
        .slice(0, 10),
    ).toBe('2026-12-10');
  });

  it('dates the past before the clock: made up to six months ago, some in the last days', () => {
    for (const at of pastInstants(world)) expect(Date.parse(at)).toBeLessThan(NOW);
    const created = world.referrals.map((r) => Date.parse(r.createdAt));
    expect(Math.min(...created)).toBeGreaterThanOrEqual(NOW - 181 * DAY);
    expect(Math.max(...created)).toBeGreaterThan(NOW - 30 * DAY);
    const asked = world.adviceAndGuidance.map((a) => Date.parse(a.createdAt));
    expect(Math.min(...asked)).toBeGreaterThanOrEqual(NOW - 91 * DAY);
    expect(Math.max(...asked)).toBeGreaterThan(NOW - 30 * DAY);
  });

  it('books BOOKED referrals after the clock and dates the appointments they have had before it', () => {
    for (const r of world.referrals) {
      const start = r.appointment?.start;
      if (start === undefined) continue;
      if (r.state === 'BOOKED') {
        expect(Date.parse(start)).toBeGreaterThan(NOW);
        expect(Date.parse(start)).toBeLessThan(NOW + 61 * DAY);
      } else if (r.state !== 'CANCELLED_REFERRAL') {
        expect(Date.parse(start)).toBeLessThan(NOW);
      }
    }
  });

  it('serves letter due dates around the clock: three working days after a referral made in the last six months', () => {
    const outstanding = world.referrals.filter((r) => onReferralWorklist(world, 'LETTERS_OUTSTANDING', r));
    const fhir = JSON.stringify(renderReferralWorklist(world, 'http://sim.test/FHIR', 'LETTERS_OUTSTANDING', outstanding));
    const due = [...fhir.matchAll(/"url":"letterDue","valueDate":"(\d{4}-\d{2}-\d{2})"/g)].map((m) => Date.parse(m[1]));
    expect(due).toHaveLength(outstanding.length);
    expect(due.length).toBeGreaterThan(0);
    for (const d of due) {
      expect(d).toBeGreaterThan(NOW - 181 * DAY);
      expect(d).toBeLessThan(NOW + 7 * DAY);
    }
  });

  it('builds the same world from the same seed and clock, and from any clock of the same day', () => {
    expect(JSON.stringify(buildWorld({ seed: 3, now: NOW }))).toBe(JSON.stringify(world));
    expect(JSON.stringify(buildWorld({ seed: 3, now: NOW + 9 * 3_600_000 }))).toBe(JSON.stringify(world));
  });

  /**
   * The world with every instant and date moved `ms` later; the file bytes (whose text names the
   * day a file was attached) and the concepts' own effective dates (e-RS's history) are left out.
   */
  const shifted = (w: World, ms: number): unknown =>
    JSON.parse(
      JSON.stringify({
        ...w,
        anchor: w.anchor,
        attachments: w.attachments.map(({ bytes: _bytes, ...rest }) => rest),
        referenceData: { publishedAt: w.referenceData.publishedAt },
      }),
      (_key, value: unknown) => {
        if (typeof value !== 'string') return value;
        if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return iso(Date.parse(value) + ms);
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return iso(Date.parse(value) + ms).slice(0, 10);
        return value;
      },
    );

  it.each([7, 28, 35])('shifts the whole world by exactly the difference when the clock is %i days later', (days) => {
    const later = buildWorld({ seed: 3, now: NOW + days * DAY });
    expect(Date.parse(later.anchor) - Date.parse(world.anchor)).toBe(days * DAY);
    expect(shifted(world, days * DAY)).toEqual(shifted(later, 0));
    // Not a vacuous comparison: the worlds' own instants differ.
    expect(later.referrals[0].createdAt).not.toBe(world.referrals[0].createdAt);
  });
});

describe('SIMULATOR_ANCHOR', () => {
  it('is taken when no anchor option is given, and a bad value stops the start with its name', () => {
    expect(simulatorAnchor(undefined, {}, NOW)).toBe('2026-12-09T00:00:00.000Z');
    expect(simulatorAnchor(undefined, { SIMULATOR_ANCHOR: '2027-01-04T09:00:00+01:00' }, NOW)).toBe('2027-01-04T08:00:00.000Z');
    expect(simulatorAnchor('2026-01-05T00:00:00.000Z', { SIMULATOR_ANCHOR: '2027-01-04T09:00:00Z' }, NOW)).toBe('2026-01-05T00:00:00.000Z');
    expect(() => simulatorAnchor(undefined, { SIMULATOR_ANCHOR: 'tomorrow' }, NOW)).toThrow(/SIMULATOR_ANCHOR/);
    expect(() => simulatorAnchor(undefined, { SIMULATOR_ANCHOR: '2027-01-04' }, NOW)).toThrow(/SIMULATOR_ANCHOR/);
  });
});

describe('a slot that has started', () => {
  let sim: RunningSimulator;
  let clock = NOW;
  beforeAll(async () => {
    // Tokens outlive the days the test moves the clock on.
    sim = await startSimulator({ port: 0, seed: 3, now: () => clock, accessTokenTtlSeconds: 30 * 86_400 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('is no longer offered by A015, and A016 refuses to book it (422 SLOT_NOT_AVAILABLE)', async () => {
    const http = call(sim.baseUrl);
    const headers = { ...(await asUser(sim, 'REFERRING_CLINICIAN')), 'NHSD-eRS-Comm-Rule-Org': sim.world.commissioner.odsCode };
    const freeFor = (serviceId: string, priority: string) =>
      sim.world.slotSchedule.slots.filter(
        (s) => s.serviceId === serviceId && !s.booked && !s.clinicianUserId && (!s.urgentOnly || priority !== 'ROUTINE'),
      );
    const referral = sim.world.referrals.find(
      (r) => r.state === 'NOT_BOOKED' && r.shortlist.some((id) => freeFor(id, r.priority).length > 0),
    )!;
    const serviceId = referral.shortlist.find((id) => freeFor(id, referral.priority).length > 0)!;
    const slot = freeFor(serviceId, referral.priority).sort((a, b) => a.start.localeCompare(b.start))[0];
    const offered = async () => {
      const query = `schedule.actor:HealthcareService=${serviceId}&appointmentType=${referral.priority}&status=free&_count=100&page=1`;
      const response = await http.get(`/STU3/Slot?${query}`, headers);
      expect(response.status).toBe(200);
      return (response.data.entry as Json[]).filter((e) => e.resource.resourceType === 'Slot').map((e) => e.resource.id as string);
    };
    expect(await offered()).toContain(slot.id);

    clock = Date.parse(slot.start) + MINUTE;
    expect(await offered()).not.toContain(slot.id);
    const version = referral.versionId;
    const response = await http.post(
      '/STU3/Appointment',
      {
        resourceType: 'Appointment',
        meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1'] },
        status: 'booked',
        slot: [{ reference: `Slot/${slot.id}` }],
        incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${version}` }],
        participant: [
          { actor: { identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: serviceId } }, status: 'accepted' },
          { actor: { identifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: referral.patientNhsNumber } }, status: 'accepted' },
        ],
      },
      headers,
    );
    expect([response.status, errorCode(response.data)]).toEqual([422, 'SLOT_NOT_AVAILABLE']);
    expect(JSON.stringify(response.data)).not.toContain(referral.patientNhsNumber);
    expect(referral.versionId).toBe(version);
    expect(slot.booked).toBe(false);
  });
});
