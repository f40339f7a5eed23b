// Goroutine stacks read as a Go developer reads them: why a goroutine is blocked (its wait reason,
// from the runtime and sync frames between the user's line and runtime.gopark) and how it started
// (its entry function, the root of the stack). Pure: attribution tags the frames with waitReasonOf.
import type { NodeInfo } from './graph';
import type { Charge } from './attribution';
import { pathBase } from './goPath';

/** Frames that say why a goroutine waits, by function name; the frame nearest the user's line wins. */
const WAIT_REASONS: readonly [RegExp, string][] = [
  [/^sync\.\(\*WaitGroup\)\.Wait$/, 'WaitGroup'],
  [/^sync\.\(\*RWMutex\)\.R?Lock$/, 'RWMutex'],
  [/^sync\.\(\*Mutex\)\.Lock(Slow)?$|^sync\.runtime_SemacquireMutex$|^internal\/sync\.runtime_SemacquireMutex$/, 'mutex'],
  [/^sync\.\(\*Cond\)\.Wait$|^sync\.runtime_notifyListWait$/, 'sync.Cond'],
  [/^runtime\.chanrecv[12]?$/, 'chan receive'],
  [/^runtime\.chansend1?$/, 'chan send'],
  [/^runtime\.selectgo$/, 'select'],
  [/^runtime\.block$/, 'select (no cases)'],
  [/^time\.Sleep$/, 'sleep'],
  [/^net\.|^net\/http\.|^crypto\/tls\.\(\*Conn\)\.(Read|Write)/, 'network I/O'],
  [/^internal\/poll\.runtime_pollWait$|^runtime\.netpollblock$/, 'I/O wait'],
  [/^sync\.runtime_Semacquire|^runtime\.semacquire/, 'semaphore'],
  [/^syscall\.(Raw)?Syscall6?$|^runtime\.cgocall$/, 'syscall'],
  [/^runtime\.gopark$|^runtime\.goparkunlock$/, 'parked'],
];

/**
 * waitReasonOf names the wait a frame stands for ("chan receive" for runtime.chanrecv1, "mutex"
 * for sync.(*Mutex).Lock, …), or undefined for a frame that says nothing about waiting. Used as
 * attribution's tagFrame on goroutine profiles: the tagged frame nearest the user's line wins.
 */
export function waitReasonOf(frame: Pick<NodeInfo, 'name'>): string | undefined {
  for (const [re, reason] of WAIT_REASONS) if (re.test(frame.name)) return reason;
  return undefined;
}

/** Whether a profile's sample types are a goroutine profile's (goroutine/count). */
export function isGoroutineProfile(sampleTypes: readonly { type: string }[]): boolean {
  return sampleTypes.length === 1 && sampleTypes[0].type === 'goroutine';
}

/** Groups digits by thousands, as a Go developer reads goroutine counts: 1200 → "1,200". */
export function groupThousands(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  return (n < 0 ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * goroutineSuspectText describes the goroutines charged to one line: "1,200 goroutines blocked at
 * notify.go:13 in notify.listen (chan receive), started as notify.listen". The function names are
 * shortened to their last path element; the wait reason and entry are the charge's largest ones
 * (goroutines with no wait reason are "at", not "blocked at"). Plain text.
 */
export function goroutineSuspectText(count: number, charge: Pick<Charge, 'node' | 'tags' | 'entries'>): string {
  const { name, file, lineno } = charge.node.info;
  return goroutineSentence({ count, name, file, line: lineno, reason: charge.tags[0]?.tag, entry: charge.entries[0]?.tag });
}

/** goroutineSuspectText's sentence from its parts (a growth row's, for instance). */
export function goroutineSentence(o: { count: number; name: string; file: string; line: number; reason?: string; entry?: string }): string {
  const { count, name, file, reason, entry } = o;
  const where = `${pathBase(file)}:${o.line}`;
  const what = `${groupThousands(count)} goroutine${Math.abs(count) === 1 ? '' : 's'} ${reason ? 'blocked at' : 'at'} ${where} in ${shortName(name)}`;
  return `${what}${reason ? ` (${reason})` : ''}${entry ? `, started as ${shortName(entry)}` : ''}`;
}

/** A Go function name without its package path's directories: "github.com/a/notify.listen" → "notify.listen". */
export function shortName(name: string): string {
  // The package path ends before the last "/" that precedes any "(" (a method's receiver may hold "/").
  const paren = name.indexOf('(');
  const slash = (paren < 0 ? name : name.slice(0, paren)).lastIndexOf('/');
  return name.slice(slash + 1);
}
