// What kind of profile a file is, as Go's /debug/pprof names them (heap, allocs, cpu, goroutine,
// block/mutex, threadcreate): a folder of captures mixes kinds, and only profiles of one kind
// make a series whose growth means something.
import type { Profile } from './profile';

/** The fields of a Profile that decide its kind. */
export type KindFields = Pick<Profile, 'sampleTypes' | 'defaultSampleType' | 'periodType'>;

/**
 * profileKind names a profile's kind: "heap" (in-use default) and "allocs" (alloc default) share
 * their sample types and differ by the default one, as Go writes them; "cpu", "goroutine",
 * "block/mutex" (identical sample types), "threadcreate"; else the sample types themselves.
 */
export function profileKind(p: KindFields): string {
  const types = p.sampleTypes.map((t) => t.type);
  if (types.includes('inuse_space') || types.includes('alloc_space')) return /^alloc_/.test(p.defaultSampleType) ? 'allocs' : 'heap';
  if (p.sampleTypes.some((t) => t.type === 'cpu' && t.unit === 'nanoseconds')) return 'cpu';
  if (types.length === 1 && types[0] === 'goroutine') return 'goroutine';
  if (types.includes('contentions') && types.includes('delay')) return 'block/mutex';
  if (types.length === 1 && types[0] === 'threadcreate') return 'threadcreate';
  return types.join(',') || 'profile';
}

/** Sample types and period type: profiles that differ here can never be compared. */
function typesKey(p: KindFields): string {
  return `${p.periodType.type}/${p.periodType.unit} [${p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(' ')}]`;
}

/** One kind's profiles of a folder, in the order given. */
export interface KindGroup<T> {
  kind: string;
  items: T[];
}

/**
 * groupByKind splits profiles into series of one kind each: heap first (what a leak hunt looks
 * at), then the larger groups, then by name; a kind with a single profile (no series) last. Kinds that print alike but cannot be compared
 * (other sample types) stay apart.
 */
export function groupByKind<T>(items: readonly T[], fields: (item: T) => KindFields): KindGroup<T>[] {
  const groups = new Map<string, KindGroup<T>>();
  for (const item of items) {
    const f = fields(item);
    const kind = profileKind(f);
    const key = `${kind}\0${typesKey(f)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind, items: [] }));
    g.items.push(item);
  }
  // A series needs two snapshots: a lone heap profile does not come before three cpu profiles.
  const rank = (g: KindGroup<T>) => (g.items.length < 2 ? 2 : g.kind === 'heap' ? 0 : 1);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || b.items.length - a.items.length || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}
