/**
 * CPU per FHIR resource mapped (issue 15): the e-RS referral of the test fixtures through the
 * referral mapper, 20,000 times after a warm-up, on the main thread. `npm run bench:mapping`.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapReferralRequest } from '../datasources/ers/referral.mapper';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'fhir', 'referral-request.booked.json'), 'utf8'));
const ROUNDS = 5;
const PER_ROUND = 20_000;

for (let i = 0; i < 2_000; i++) mapReferralRequest(fixture);
const perRound: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const start = process.cpuUsage();
  for (let i = 0; i < PER_ROUND; i++) mapReferralRequest(fixture);
  const used = process.cpuUsage(start);
  perRound.push((used.user + used.system) / PER_ROUND);
}
perRound.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bench: 'referral mapping',
    unit: 'µs CPU per referral mapped',
    min: +perRound[0].toFixed(1),
    median: +perRound[Math.floor(ROUNDS / 2)].toFixed(1),
    max: +perRound[ROUNDS - 1].toFixed(1),
  }),
);
