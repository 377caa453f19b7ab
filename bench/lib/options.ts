import { parseArgs } from 'node:util';

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * A benchmark's command-line flags (`node:util` parseArgs): `--kebab-name value` for each key of
 * `defaults`, a number where the default is one (at least `minimums[key]`, a whole number unless
 * `fractional` names it), anything else as given; an unknown flag or a bad number stops the run
 * with the usage line.
 */
export function benchOptions<T extends Record<string, string | number>>(
  argv: string[],
  defaults: T,
  usage: string,
  rules: { minimums?: Partial<Record<keyof T, number>>; fractional?: Array<keyof T> } = {},
): T {
  const names = Object.keys(defaults) as Array<keyof T & string>;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: Object.fromEntries(names.map((name) => [kebab(name), { type: 'string' as const }])) }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${usage}`, { cause: error });
  }
  const options = { ...defaults };
  for (const name of names) {
    const raw = values[kebab(name)];
    if (typeof raw !== 'string') continue;
    if (typeof defaults[name] !== 'number') {
      options[name] = raw as T[typeof name];
      continue;
    }
    const n = Number(raw);
    const min = rules.minimums?.[name] ?? 0;
    const whole = !rules.fractional?.includes(name);
    if (!Number.isFinite(n) || n < min || (whole && !Number.isInteger(n))) {
      throw new Error(`--${kebab(name)} must be ${whole ? 'a whole number' : 'a number'} of at least ${min}\n${usage}`);
    }
    options[name] = n as T[typeof name];
  }
  return options;
}
