import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** When and on what a result was measured: the start of every bench/results/*.json. */
export function measuredOn(bench: string) {
  return {
    bench,
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() },
  };
}

/** Writes a benchmark's result as JSON (its folder made when missing); answers the absolute path. */
export function writeResult(out: string, result: object): string {
  const file = path.resolve(out);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
