// Annotated source listings (-list): a port of the
// text half of google/pprof internal/report/source.go (Go 1.19.8's vendored copy). Files are
// read through an injected SourceReader so that src/core stays platform-neutral.
import { ProfileError } from '../errors';
import { pathDir, pathIsAbs, pathJoin, pathSplitList } from '../goPath';
import { NodeOrder, sortNodes, sumNodes, type Node } from '../graph';
import { padLeft, percentage } from '../measurement';
import { trimPath } from '../trimPath';
import type { SourceReader } from './options';
import { Report } from './report';

/** Lines before the first and after the last sample shown by -list. */
const margin = 5;

/** Longest line bufio.Scanner reads by default (bufio.MaxScanTokenSize): pprof stops reading a file there. */
const maxScanTokenSize = 64 * 1024;

const utf8 = new TextEncoder();

/**
 * Source file reading with caching, as pprof's sourceReader: files are found with
 * openSourceFile's rules and split into lines as bufio.Scanner does; the first failure to find
 * a file is remembered as its error.
 */
class CachingSourceReader {
  private readonly files = new Map<string, string[]>();
  private readonly errors = new Map<string, string>();

  constructor(
    private readonly reader: SourceReader,
    private readonly searchPath: string,
    private readonly trim: string,
  ) {}

  fileError(path: string): string | undefined {
    return this.errors.get(path);
  }

  /** The line numbered lineno of path, or undefined when out of range (or the file is missing). */
  line(path: string, lineno: number): string | undefined {
    let lines = this.files.get(path);
    if (lines === undefined) {
      lines = [''];
      const r = openSourceFile(this.reader, path, this.searchPath, this.trim);
      if ('error' in r) this.errors.set(path, r.error);
      else lines.push(...scanLines(r.text));
      this.files.set(path, lines);
    }
    if (lineno <= 0 || lineno >= lines.length) return undefined;
    return lines[lineno];
  }
}

/** Splits text as bufio.Scanner with ScanLines: on "\n", a trailing "\r" dropped, no empty last line; stops at a line too long to scan. */
function scanLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    const last = end === -1;
    if (last) end = text.length;
    let line = text.slice(start, end);
    // A token must fit in the scanner's 64 KB buffer; pprof ignores the scan error and keeps
    // the lines read so far.
    if (line.length >= maxScanTokenSize / 4 && utf8.encode(line).length >= maxScanTokenSize) break;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    out.push(line);
    start = end + 1;
  }
  return out;
}

/**
 * openSourceFile finds a source file named in a profile, as pprof does: the name is trimmed
 * (trimPath), an absolute result must exist as is, a relative one is looked up under each
 * search path entry and each of its parents. Returns the text or pprof's error message.
 */
function openSourceFile(reader: SourceReader, path: string, searchPath: string, trim: string): { text: string } | { error: string } {
  path = trimPath(path, trim, searchPath);
  if (pathIsAbs(path)) {
    const text = reader.readFile(path);
    return text === undefined ? { error: `open ${path}: no such file or directory` } : { text };
  }
  for (let dir of pathSplitList(searchPath)) {
    // Search up for every parent of each possible path.
    for (;;) {
      const text = reader.readFile(pathJoin(dir, path));
      if (text !== undefined) return { text };
      const parent = pathDir(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return { error: `could not find file ${path} on path ${searchPath}` };
}

/** A line of a listing: its number, its text and the values of the samples on it. */
interface SourceLine {
  lineno: number;
  text: string;
  flat: number;
  cum: number;
}

/**
 * getSourceFromFile collects the lines of a function from a file with the samples of its nodes
 * (pprof's getSourceFromFile): from the function's start line (or 5 lines before its first
 * node's line) to 5 lines after the last sampled line, stopping early at the end of the file.
 */
function getSourceFromFile(file: string, reader: CachingSourceReader, fns: Node[]): { lines: SourceLine[] } | { error: string } {
  const lineNodes = new Map<number, Node[]>();
  // 1. The range: the first node's window, widened by each node (pprof's if/else-if kept).
  let start = fns[0].info.startLine !== 0 ? fns[0].info.startLine : fns[0].info.lineno - margin;
  let end = fns[0].info.lineno + margin;
  for (const n of fns) {
    const lineno = n.info.lineno;
    let nodeStart = n.info.startLine;
    if (nodeStart === 0) nodeStart = lineno - margin;
    const nodeEnd = lineno + margin;
    if (nodeStart < start) start = nodeStart;
    else if (nodeEnd > end) end = nodeEnd;
    const a = lineNodes.get(lineno);
    if (a) a.push(n);
    else lineNodes.set(lineno, [n]);
  }
  if (start < 1) start = 1;
  // 2. The lines, with the summed values of the nodes on each.
  const lines: SourceLine[] = [];
  for (let lineno = start; lineno <= end; lineno++) {
    const text = reader.line(file, lineno);
    if (text === undefined) break;
    const [flat, cum] = sumNodes(lineNodes.get(lineno) ?? []);
    lines.push({ lineno, text, flat, cum });
  }
  const err = reader.fileError(file);
  return err !== undefined ? { error: err } : { lines };
}

/** Groups nodes by a key in first-seen order; returns the first node of each group and the groups. */
function groupBy(nodes: Iterable<Node>, key: (n: Node) => string): { firsts: Node[]; groups: Map<string, Node[]> } {
  const firsts: Node[] = [];
  const groups = new Map<string, Node[]>();
  for (const n of nodes) {
    const k = key(n);
    const g = groups.get(k);
    if (g) g.push(n);
    else {
      firsts.push(n);
      groups.set(k, [n]);
    }
  }
  return { firsts, groups };
}

function matches(rx: RegExp, s: string): boolean {
  // search() ignores lastIndex, so a /g regexp behaves like Go's MatchString.
  return s.search(rx) !== -1;
}

/** "." for zero, else the formatted value (pprof's valueOrDot). */
function valueOrDot(v: number, rpt: Report): string {
  return v === 0 ? '.' : rpt.formatValue(v);
}

/**
 * printSource renders -list (pprof's printSource): for each function whose name matches
 * options.symbol, sorted by name, and each of its source files, a ROUTINE header, the function's
 * flat and cum and the source lines around its samples. Files are found through `sourceReader`
 * with -source_path (default: its cwd) and -trim_path. Throws ProfileError when nothing matches.
 */
export function printSource(rpt: Report, sourceReader: SourceReader): string {
  const o = rpt.options;
  const rx = o.symbol;
  if (!rx) throw new ProfileError('-list needs a regexp of the functions to list');
  const g = rpt.newGraph();
  // 1. Group the nodes of matching functions by function name.
  const { firsts: functions, groups: functionNodes } = groupBy(
    g.nodes.filter((n) => matches(rx, n.info.name)),
    (n) => n.info.name,
  );
  sortNodes(functions, NodeOrder.Name);
  if (functionNodes.size === 0) throw new ProfileError(`no matches found for regexp: ${rx.source}`);
  const sourcePath = o.sourcePath !== '' ? o.sourcePath : sourceReader.cwd();
  const reader = new CachingSourceReader(sourceReader, sourcePath, o.trimPath);
  const out: string[] = [`Total: ${rpt.formatValue(rpt.total)}\n`];
  for (const fn of functions) {
    const name = fn.info.name;
    // 2. Group the function's nodes by source file.
    const { firsts: sourceFiles, groups: fileNodes } = groupBy(
      functionNodes.get(name)!.filter((n) => n.info.file !== ''),
      (n) => n.info.file,
    );
    if (sourceFiles.length === 0) {
      out.push(`No source information for ${name}\n`);
      continue;
    }
    sortNodes(sourceFiles, NodeOrder.File);
    // 3. Print each file of the function.
    for (const fl of sourceFiles) {
      const filename = fl.info.file;
      const fns = fileNodes.get(filename)!;
      const [flatSum, cumSum] = sumNodes(fns);
      const src = getSourceFromFile(filename, reader, fns);
      out.push(`ROUTINE ======================== ${name} in ${filename}\n`);
      out.push(`${padLeft(rpt.formatValue(flatSum), 10)} ${padLeft(rpt.formatValue(cumSum), 10)} (flat, cum) ${percentage(cumSum, rpt.total)} of Total\n`);
      if ('error' in src) {
        out.push(` Error: ${src.error}\n`);
        continue;
      }
      for (const l of src.lines) {
        out.push(`${padLeft(valueOrDot(l.flat, rpt), 10)} ${padLeft(valueOrDot(l.cum, rpt), 10)} ${padLeft(String(l.lineno), 6)}:${l.text}\n`);
      }
    }
  }
  return out.join('');
}
