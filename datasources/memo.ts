/**
 * `derive` of a string, remembered for the last `max` distinct inputs (the memo is emptied when
 * full, so it never grows past `max`): for a pure derivation that costs more than a Map look-up
 * and is asked for the same few inputs again and again (a token's hash, an address's key).
 */
export function memoized(derive: (input: string) => string, max: number): (input: string) => string {
  const recent = new Map<string, string>();
  return (input) => {
    let derived = recent.get(input);
    if (derived === undefined) {
      derived = derive(input);
      if (recent.size >= max) recent.clear();
      recent.set(input, derived);
    }
    return derived;
  };
}
