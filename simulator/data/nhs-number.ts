import { Rng } from './prng';

/**
 * Synthetic NHS numbers: 10 digits, starting 999 (a range never issued to real patients),
 * with a valid Modulus 11 check digit. The simulator's own check, apart from the gateway's input
 * validation, so that each side can catch the other's mistake.
 */

/** The Modulus 11 check digit for the first nine digits, or undefined when none is valid (remainder 10). */
export function nhsNumberCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) throw new Error('nhsNumberCheckDigit needs exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/** True when the value is 10 digits whose last digit is the Modulus 11 check digit of the first nine. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return nhsNumberCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

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
