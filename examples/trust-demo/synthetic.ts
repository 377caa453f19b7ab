/**
 * Synthetic demographics for the trust-demo subgraph: a name and a date of birth derived from the
 * NHS number alone, and an organisation name derived from the ODS code alone, so that the same
 * number always gives the same made-up person. No real data, no lookup, nothing stored.
 */

const GIVEN = ['Avery', 'Blake', 'Casey', 'Devon', 'Emerson', 'Finley', 'Harper', 'Jordan', 'Kendall', 'Logan', 'Morgan', 'Quinn'];
const FAMILY = ['Ashdown', 'Brookfield', 'Carrow', 'Dunmore', 'Elstow', 'Fenwick', 'Garside', 'Holloway', 'Ingram', 'Kestle'];
const PLACES = ['Northgate', 'Riverside', 'Larkfield', 'Westbrook', 'Hillcrest', 'Oakmere', 'Fairhaven', 'Stonebridge'];
const KINDS = ['Health Centre', 'Medical Practice', 'Community Hospital', 'Clinic', 'General Hospital'];

/** FNV-1a over the characters: a stable, well-spread number for a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) {
    h ^= char.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A synthetic person for an NHS number: the same number, the same person. */
export function syntheticPatient(nhsNumber: string): { nhsNumber: string; name: string; dateOfBirth: string } {
  const h = hash(nhsNumber);
  const given = GIVEN[h % GIVEN.length];
  const family = FAMILY[Math.floor(h / GIVEN.length) % FAMILY.length];
  const year = 1930 + (Math.floor(h / 1000) % 90);
  const month = 1 + (Math.floor(h / 7) % 12);
  const day = 1 + (Math.floor(h / 13) % 28);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { nhsNumber, name: `${given} ${family}`, dateOfBirth: `${year}-${pad(month)}-${pad(day)}` };
}

/** A synthetic organisation name for an ODS code. */
export function syntheticOrganisation(odsCode: string): { odsCode: string; name: string } {
  const h = hash(odsCode);
  return { odsCode, name: `${PLACES[h % PLACES.length]} ${KINDS[Math.floor(h / PLACES.length) % KINDS.length]}` };
}
