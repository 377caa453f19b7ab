/**
 * Compares two V8 heap snapshots of one process (e.g. the soak's `--heap-snapshots`, taken after
 * the first minute and at the end): the net change by type and name, then the objects alive in the
 * second and not in the first (node ids are stable within a process), grouped, each group with one
 * retaining path, to find what grows and what holds it. With `--held-by name,...`, also the size
 * of what every object's property of that name holds (reachable through data, not through code,
 * closures or modules), summed by holder, in A and in B: e.g. `--held-by _store,calls,referrals`.
 *
 *   node --max-old-space-size=6000 dist/bench/lib/heap-snapshot-diff.js A.heapsnapshot B.heapsnapshot [groups] [--held-by names]
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
  /** Each node's first edge (edges are stored in node order). */
  private readonly firstEdge: Uint32Array;

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
    this.firstEdge = new Uint32Array(this.count + 1);
    for (let node = 0; node < this.count; node++) {
      this.firstEdge[node + 1] = this.firstEdge[node] + file.nodes[node * this.nodeFields + this.field.edges];
    }
  }

  type(node: number): string {
    return this.file.snapshot.meta.node_types[0][this.file.nodes[node * this.nodeFields + this.field.type]];
  }

  name(node: number): string {
    return this.file.strings[this.file.nodes[node * this.nodeFields + this.field.name]];
  }

  /** A node's outgoing edges: type, name (or index) and target. */
  *edgesOf(node: number): Generator<{ type: string; name: string; to: number }> {
    const { edges, strings } = this.file;
    const edgeTypes = this.file.snapshot.meta.edge_types[0];
    for (let e = this.firstEdge[node]; e < this.firstEdge[node + 1]; e++) {
      const type = edgeTypes[edges[e * this.edgeFields + this.edge.type]];
      const name = edges[e * this.edgeFields + this.edge.name];
      const to = edges[e * this.edgeFields + this.edge.to] / this.nodeFields;
      yield { type, name: type === 'element' || type === 'hidden' ? String(name) : strings[name], to };
    }
  }

  /** Bytes reachable from a node through data (not through code, closures, V8's own objects or modules), and how many nodes. */
  dataSize(root: number): { bytes: number; nodes: number } {
    const seen = new Set([root]);
    const stack = [root];
    let bytes = 0;
    while (stack.length > 0) {
      const node = stack.pop()!;
      bytes += this.size(node);
      for (const edge of this.edgesOf(node)) {
        if (edge.type === 'weak' || edge.type === 'shortcut' || seen.has(edge.to)) continue;
        const type = this.type(edge.to);
        if (['closure', 'code', 'hidden', 'synthetic', 'native', 'object shape'].includes(type)) continue;
        if (type === 'object' && /^(Module|global|system \/ Context|Promise)$/.test(this.name(edge.to))) continue;
        seen.add(edge.to);
        stack.push(edge.to);
      }
    }
    return { bytes, nodes: seen.size };
  }

  /** What the properties of these names hold, summed by "holder.property". */
  heldBy(properties: readonly string[]): Map<string, { bytes: number; nodes: number }> {
    const held = new Map<string, { bytes: number; nodes: number }>();
    // A value two holders share (the same array under two names) is counted once.
    const counted = new Set<number>();
    for (let node = 0; node < this.count; node++) {
      if (this.type(node) !== 'object') continue;
      for (const edge of this.edgesOf(node)) {
        if (edge.type !== 'property' || !properties.includes(edge.name) || counted.has(edge.to)) continue;
        counted.add(edge.to);
        const size = this.dataSize(edge.to);
        const key = `${this.label(node)}.${edge.name} (${this.label(edge.to)})`;
        const sum = held.get(key) ?? { bytes: 0, nodes: 0 };
        held.set(key, { bytes: sum.bytes + size.bytes, nodes: sum.nodes + size.nodes });
      }
    }
    return held;
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
  const args = process.argv.slice(2);
  const heldByAt = args.indexOf('--held-by');
  const properties = heldByAt >= 0 ? args.splice(heldByAt, 2)[1].split(',') : [];
  const [fileA, fileB, groupsArgument] = args;
  if (!fileA || !fileB) throw new Error('usage: heap-snapshot-diff A.heapsnapshot B.heapsnapshot [groups] [--held-by names]');
  const shown = Number(groupsArgument ?? 15);
  const a = load(fileA);
  const byLabelA = groupBy(a);
  const heldA = a.heldBy(properties);
  const idsA = new Set<number>();
  for (let node = 0; node < a.count; node++) idsA.add(a.id(node));

  const b = load(fileB);
  const byLabelB = groupBy(b);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`A: ${(total(byLabelA) / MiB).toFixed(1)} MiB in ${a.count} nodes; B: ${(total(byLabelB) / MiB).toFixed(1)} MiB in ${b.count} nodes`);

  if (properties.length > 0) {
    const heldB = b.heldBy(properties);
    out(`\nHeld by properties ${properties.join(', ')} (KiB in A -> B, largest change first):`);
    const keys = [...new Set([...heldA.keys(), ...heldB.keys()])];
    const change = (key: string) => (heldB.get(key)?.bytes ?? 0) - (heldA.get(key)?.bytes ?? 0);
    for (const key of keys.sort((x, y) => change(y) - change(x))) {
      const before = heldA.get(key)?.bytes ?? 0;
      const after = heldB.get(key)?.bytes ?? 0;
      out(`${(before / 1024).toFixed(0).padStart(8)} -> ${(after / 1024).toFixed(0).padStart(8)} KiB  ${key}`);
    }
  }

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
