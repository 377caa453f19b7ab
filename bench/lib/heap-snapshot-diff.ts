/**
 * Compares two V8 heap snapshots of one process (e.g. the soak's `--heap-snapshots`, taken after
 * the first minute and at the end): the net change by type and name, then the objects alive in the
 * second and not in the first (node ids are stable within a process), grouped, each group with one
 * retaining path, to find what grows and what holds it.
 *
 *   node --max-old-space-size=6000 dist/bench/lib/heap-snapshot-diff.js A.heapsnapshot B.heapsnapshot [groups]
 *
 * A snapshot is parsed whole (JSON.parse): give node a few times the file's size.
 */
import { readFileSync } from 'node:fs';

const MiB = 1024 * 1024;

interface HeapSnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** One snapshot with its field offsets. */
class Snapshot {
  readonly count: number;
  private readonly nodeFields: number;
  private readonly edgeFields: number;
  private readonly field: Record<'type' | 'name' | 'id' | 'size' | 'edges', number>;
  private readonly edge: Record<'type' | 'name' | 'to', number>;

  constructor(private readonly file: HeapSnapshotFile) {
    const meta = file.snapshot.meta;
    this.nodeFields = meta.node_fields.length;
    this.edgeFields = meta.edge_fields.length;
    const at = (fields: string[], name: string) => fields.indexOf(name);
    this.field = {
      type: at(meta.node_fields, 'type'),
      name: at(meta.node_fields, 'name'),
      id: at(meta.node_fields, 'id'),
      size: at(meta.node_fields, 'self_size'),
      edges: at(meta.node_fields, 'edge_count'),
    };
    this.edge = { type: at(meta.edge_fields, 'type'), name: at(meta.edge_fields, 'name_or_index'), to: at(meta.edge_fields, 'to_node') };
    this.count = file.nodes.length / this.nodeFields;
  }

  id(node: number): number {
    return this.file.nodes[node * this.nodeFields + this.field.id];
  }

  size(node: number): number {
    return this.file.nodes[node * this.nodeFields + this.field.size];
  }

  /** "type:name", with string contents left out (they may hold patient data). */
  label(node: number): string {
    const type = this.file.snapshot.meta.node_types[0][this.file.nodes[node * this.nodeFields + this.field.type]];
    if (type.endsWith('string')) return `${type}:`;
    const name = this.file.strings[this.file.nodes[node * this.nodeFields + this.field.name]];
    return `${type}:${name.length > 60 ? `${name.slice(0, 60)}…` : name}`;
  }

  /** Up to 4 strong retainers of each node: who holds it, by which edge. */
  retainers(): Map<number, Array<{ from: number; edge: string }>> {
    const { nodes, edges, strings } = this.file;
    const edgeTypes = this.file.snapshot.meta.edge_types[0];
    const held = new Map<number, Array<{ from: number; edge: string }>>();
    let e = 0;
    for (let node = 0; node < this.count; node++) {
      const end = e + nodes[node * this.nodeFields + this.field.edges];
      for (; e < end; e++) {
        const type = edgeTypes[edges[e * this.edgeFields + this.edge.type]];
        if (type === 'weak' || type === 'shortcut') continue;
        const to = edges[e * this.edgeFields + this.edge.to] / this.nodeFields;
        const name = edges[e * this.edgeFields + this.edge.name];
        const list = held.get(to) ?? [];
        if (list.length < 4) list.push({ from: node, edge: type === 'element' || type === 'hidden' ? `[${name}]` : strings[name] });
        held.set(to, list);
      }
    }
    return held;
  }
}

function load(file: string): Snapshot {
  return new Snapshot(JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshotFile);
}

interface Group {
  count: number;
  size: number;
  sample: number;
}

function groupBy(snapshot: Snapshot, include: (node: number) => boolean = () => true): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (let node = 0; node < snapshot.count; node++) {
    if (!include(node)) continue;
    const label = snapshot.label(node);
    const group = groups.get(label) ?? { count: 0, size: 0, sample: node };
    group.count++;
    group.size += snapshot.size(node);
    groups.set(label, group);
  }
  return groups;
}

const total = (groups: Map<string, Group>) => [...groups.values()].reduce((sum, g) => sum + g.size, 0);

/** A retaining path from a node towards a GC root, preferring retainers that are not V8's own. */
function retainingPath(snapshot: Snapshot, held: ReturnType<Snapshot['retainers']>, node: number, depth = 14): string {
  const seen = new Set([node]);
  const steps = [snapshot.label(node)];
  for (let current = node; steps.length <= depth;) {
    const candidates = (held.get(current) ?? []).filter((r) => !seen.has(r.from));
    const next = candidates.find((r) => !/^(hidden|synthetic):/.test(snapshot.label(r.from))) ?? candidates[0];
    if (!next) break;
    seen.add(next.from);
    steps.push(`--${next.edge}--> ${snapshot.label(next.from)}`);
    current = next.from;
    if (snapshot.label(current).startsWith('synthetic:')) break;
  }
  return steps.join('\n      ');
}

function main(): void {
  const [fileA, fileB, groupsArgument] = process.argv.slice(2);
  if (!fileA || !fileB) throw new Error('usage: heap-snapshot-diff A.heapsnapshot B.heapsnapshot [groups]');
  const shown = Number(groupsArgument ?? 15);
  const a = load(fileA);
  const byLabelA = groupBy(a);
  const idsA = new Set<number>();
  for (let node = 0; node < a.count; node++) idsA.add(a.id(node));

  const b = load(fileB);
  const byLabelB = groupBy(b);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`A: ${(total(byLabelA) / MiB).toFixed(1)} MiB in ${a.count} nodes; B: ${(total(byLabelB) / MiB).toFixed(1)} MiB in ${b.count} nodes`);

  out('\nNet change by type:name (B - A), largest first:');
  const labels = new Set([...byLabelA.keys(), ...byLabelB.keys()]);
  const net = [...labels].map((label) => {
    const before = byLabelA.get(label) ?? { count: 0, size: 0 };
    const after = byLabelB.get(label) ?? { count: 0, size: 0 };
    return { label, size: after.size - before.size, count: after.count - before.count, now: after.count };
  });
  for (const row of net.sort((x, y) => y.size - x.size).slice(0, shown)) {
    out(`${(row.size / 1024).toFixed(0).padStart(8)} KiB ${String(row.count).padStart(8)} objects (now ${row.now})  ${row.label}`);
  }

  const fresh = groupBy(b, (node) => !idsA.has(b.id(node)));
  out(
    `\nAlive in B and not in A: ${(total(fresh) / MiB).toFixed(1)} MiB (churn as well as growth). Largest groups, one retaining path each:`,
  );
  const held = b.retainers();
  for (const [label, group] of [...fresh.entries()].sort((x, y) => y[1].size - x[1].size).slice(0, shown)) {
    out(`\n${(group.size / 1024).toFixed(0).padStart(8)} KiB ${String(group.count).padStart(8)}  ${label}`);
    out(`      ${retainingPath(b, held, group.sample)}`);
  }
}

main();
