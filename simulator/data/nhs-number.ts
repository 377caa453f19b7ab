import { Rng } from './prng';
import { nhsNumberCheckDigit } from '../../datasources/ers/nhs-number';

/**
 * Synthetic NHS numbers: 10 digits, starting 999 (a range never issued to real patients),
 * with a valid Modulus 11 check digit.
 */

export { isValidNhsNumber, nhsNumberCheckDigit } from '../../datasources/ers/nhs-number';

/** A new synthetic NHS number (999xxxxxxC) not in `taken`; adds it to `taken`. */
export function syntheticNhsNumber(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const firstNine = `999${rng.digits(6)}`;
    const check = nhsNumberCheckDigit(firstNine);
    if (check === undefined) continue;
    const value = `${firstNine}${check}`;
    if (taken.has(value)) continue;
    taken.add(value);
    return value;
  }
}
