// What `pprof-lens -h` prints, as exact text, and that it tells the truth: every flag it lists is
// accepted with the kind it shows (a value after `=`, or a boolean), and sets what it says. Then
// each pprof flag's Config field, the growth flags, and Go's number and duration syntax, with the
// expected values taken from Go 1.19's strconv and time packages (quoted).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run';
import { FlagError, parseArgs, parseGoDuration, parseGoFloat, parseGoInt, parseSize, usage } from '../../src/cli/flags';
import { defaultConfig, type Config } from '../../src/core/driver';

const fails = (argv: string[], message: string) =>
  assert.throws(
    () => parseArgs(argv),
    (e: unknown) => e instanceof FlagError && e.message === message,
    `${argv.join(' ')} should fail with: ${message}`,
  );

/** The help, exactly: a changed word, placeholder, order or column fails. */
const HELP = `
usage: pprof-lens <format> [options] [binary] <profile> ...

Prints the report go tool pprof prints for the same flags, computed without Go.
Flags take -flag=value or -flag value (booleans: -flag or -flag=false); -- ends the flags.

Output formats (exactly one):
  -top                    Outputs top entries in text form
  -text                   Outputs top entries in text form
  -traces                 Outputs all profile samples in text form
  -tree                   Outputs a text rendering of call graph
  -list=regexp            Output annotated source for functions matching regexp
  -peek=regexp            Output callers/callees of functions matching regexp
  -dot                    Outputs a graph in DOT format

Options:
  -functions              Aggregate at the function level
  -filefunctions          Aggregate at the function level, keeping file names apart
  -files                  Aggregate at the file level
  -lines                  Aggregate at the source code line level
  -addresses              Aggregate at the address level
  -cum                    Sort entries based on cumulative weight
  -flat                   Sort entries based on own weight
  -output=file            Output filename for file-based outputs
  -call_tree              Create a context-sensitive call tree
  -relative_percentages   Show percentages relative to focused subgraph
  -unit=unit              Measurement units to display
  -compact_labels         Show minimal headers
  -source_path=path       Search path for source files
  -trim_path=path         Path to trim from source paths before search
  -intel_syntax           Show assembly in Intel syntax
  -mean                   Average sample value over first value (count)
  -sample_index=index     Sample value to report (0-based index or name)
  -divide_by=n            Ratio to divide all samples before visualization
  -normalize              Scales profile based on the base profile
  -tagroot=keys           Adds pseudo stack frames for labels at the callstack root
  -tagleaf=keys           Adds pseudo stack frames for labels at the callstack leaf
  -drop_negative          Ignore negative differences
  -nodecount=n            Max number of nodes to show
  -nodefraction=f         Hide nodes below <f>*total
  -edgefraction=f         Hide edges below <f>*total
  -trim                   Honor nodefraction/edgefraction/nodecount defaults
  -focus=regexp           Restricts to samples going through a node matching regexp
  -ignore=regexp          Skips paths going through any nodes matching regexp
  -prune_from=regexp      Drops any functions below the matched frame
  -hide=regexp            Skips nodes matching regexp
  -show=regexp            Only show nodes matching regexp
  -show_from=regexp       Drops functions above the highest matched frame
  -tagfocus=filter        Restricts to samples with tags in range or matched by regexp
  -tagignore=filter       Discard samples with tags in range or matched by regexp
  -tagshow=regexp         Only consider tags matching this regexp
  -taghide=regexp         Skip tags matching this regexp
  -noinlines              Ignore inlines

Sources:
  -diff_base=source       Source of base profile for comparison
  -base=source            Source of base profile for profile subtraction
  -symbolize=mode         Accepted for compatibility; pprof-lens never symbolizes
  -buildid=id             Override build id for main binary
  -add_comment=text       Free-form annotation to add to the profile
  -timeout=s              Accepted for compatibility (profiles are read from files)
  -seconds=s              Accepted for compatibility (profiles are read from files)
  -tools=path             Accepted for compatibility (no object tools are used)
  -http=host:port         Not supported: pprof-lens has no web interface
  -no_browser             Not supported (see -http)
  -max-size=size          Refuse gzipped profiles inflating past this size (default 1GiB)

Leak hunting (instead of a format: pprof-lens -growth FILE..., pprof-lens -series=k -interval=30s -o DIR URL):
  -growth                 Rank the lines that grow across the profiles (leak suspects) as a table
  -series=k               Capture k heap snapshots from a URL (gc=1), then print the growth table
  -interval=duration      Time between -series snapshots, a Go duration (default 30s)
  -o=dir                  Folder -series writes snapshots to (default .)
  -yourcode=regexp        Packages that are your code, a Go regexp (default: the module of ./go.mod, else all but the standard library)
  -gomod=dir              Folder whose go.mod names your module (default .)
  -leaf                   Rank by the allocating leaf as pprof does, not by the line of your code that calls it

Memory timeline: pprof-lens -timeline [-job name] URL prints the verdicts of a Prometheus
server's or a service's memory series (pprof-lens -timeline -h lists its flags).

Legacy convenience options:
  -total_delay            Same as -sample_index=delay
  -mean_delay             Same as -mean -sample_index=delay
  -contentions            Same as -sample_index=contentions
  -inuse_space            Same as -sample_index=inuse_space
  -inuse_objects          Same as -sample_index=inuse_objects
  -alloc_space            Same as -sample_index=alloc_space
  -alloc_objects          Same as -sample_index=alloc_objects

  -h, -help               Print this help

Profiles are profile.proto files, gzipped or not. On bad input pprof-lens prints one line
on stderr and exits with status 1.
`.slice(1);

describe('pprof-lens -h', () => {
  it('prints the help, exactly, with status 0 for -h, -help and --help', () => {
    assert.equal(usage(), HELP);
    for (const h of ['-h', '-help', '--help']) assert.deepEqual(runCli([h], { cwd: '.' }), { status: 0, stdout: HELP, stderr: '' });
  });

  it('lists only flags it accepts, each with the kind it shows', () => {
    const listed = [...HELP.matchAll(/^ {2}-([a-z_-]+)(=\S+)?(?= {2,}|\n|$)/gm)].filter((m) => m[1] !== 'h');
    assert.equal(listed.length, 69);
    for (const [, name, arg] of listed) {
      if (arg) {
        // A flag shown with a value takes the next argument: alone at the end, it asks for one.
        fails([`-${name}`], `flag needs an argument: -${name}`);
      } else {
        // A boolean takes only Go's boolean spellings.
        fails([`-${name}=maybe`], `invalid boolean value "maybe" for -${name}: parse error`);
      }
    }
  });
});

describe('parseArgs: each flag sets its own field', () => {
  // [command line, the Config fields it changes from pprof's defaults]
  const cases: [string[], Partial<Config>][] = [
    [['-output=o.svg'], { output: 'o.svg' }],
    [['-call_tree'], { callTree: true }],
    [['-relative_percentages'], { relativePercentages: true }],
    [['-unit=MB'], { unit: 'MB' }],
    [['-compact_labels'], { compactLabels: true }],
    [['-source_path=/src'], { sourcePath: '/src' }],
    [['-trim_path=/build'], { trimPath: '/build' }],
    [['-intel_syntax'], { intelSyntax: true }],
    [['-mean'], { mean: true }],
    [['-sample_index=alloc_space'], { sampleIndex: 'alloc_space' }],
    [['-divide_by=2.5'], { divideBy: 2.5 }],
    [['-normalize', '-base=b.pprof'], { normalize: true }],
    [['-tagroot=handler'], { tagRoot: 'handler' }],
    [['-tagleaf=handler'], { tagLeaf: 'handler' }],
    [['-drop_negative'], { dropNegative: true }],
    [['-nodecount=0x10'], { nodeCount: 16 }],
    [['-nodefraction=.1'], { nodeFraction: 0.1 }],
    [['-edgefraction', '1e-2'], { edgeFraction: 0.01 }],
    [['-trim=false'], { trim: false }],
    [['-focus=Put'], { focus: 'Put' }],
    [['-ignore=runtime'], { ignore: 'runtime' }],
    [['-prune_from=alloc'], { pruneFrom: 'alloc' }],
    [['-hide=fmt'], { hide: 'fmt' }],
    [['-show=main'], { show: 'main' }],
    [['-show_from=handle'], { showFrom: 'handle' }],
    [['-tagfocus=bytes=1k:'], { tagFocus: 'bytes=1k:' }],
    [['-tagignore=k=v'], { tagIgnore: 'k=v' }],
    [['-tagshow=handler'], { tagShow: 'handler' }],
    [['-taghide=k'], { tagHide: 'k' }],
    [['-noinlines'], { noInlines: true }],
    [['-files'], { granularity: 'files' }],
    [['-functions'], { granularity: 'functions' }],
    [['-cum'], { sort: 'cum' }],
    [['-flat'], { sort: 'flat' }],
    [['-total_delay'], { sampleIndex: 'delay' }],
    [['-mean_delay'], { sampleIndex: 'delay', mean: true }],
    [['-contentions'], { sampleIndex: 'contentions' }],
    [['-inuse_space'], { sampleIndex: 'inuse_space' }],
    [['-inuse_objects'], { sampleIndex: 'inuse_objects' }],
    [['-alloc_space'], { sampleIndex: 'alloc_space' }],
    [['-alloc_objects'], { sampleIndex: 'alloc_objects' }],
  ];
  for (const [flags, changed] of cases) {
    it(flags.join(' '), () => {
      const p = parseArgs(['-top', ...flags, 'f']);
      assert.deepEqual(p.config, { ...defaultConfig(), ...changed });
      assert.deepEqual(p.command, { name: 'top', arg: undefined });
      assert.deepEqual(p.args, ['f']);
    });
  }

  it('keeps the first legacy selection in pprof order and notes the others', () => {
    const p = parseArgs(['-top', '-alloc_objects', '-total_delay', '-contentions', 'f']);
    assert.equal(p.config.sampleIndex, 'delay');
    assert.deepEqual(p.notes, ['Multiple value selections, ignoring -contentions', 'Multiple value selections, ignoring -alloc_objects']);
  });

  it('reads the source flags', () => {
    const p = parseArgs(['-top', '-symbolize=none', '-buildid=abc1', '-add_comment=after deploy', '-timeout=5', '-seconds=0x1e', '-tools=/bin', 'f']);
    assert.equal(p.symbolize, 'none');
    assert.equal(p.buildId, 'abc1');
    assert.equal(p.comment, 'after deploy');
    assert.equal(p.maxSize, undefined);
    assert.equal(p.base, '');
    assert.equal(p.diffBase, false);
    assert.equal(p.growth, undefined);
    fails(['-top', '-timeout=5s', 'f'], 'invalid value "5s" for flag -timeout: parse error');
    fails(['-top', '-seconds=30s', 'f'], 'invalid value "30s" for flag -seconds: parse error');
  });

  it('counts a format set to false or an empty -list as no format', () => {
    assert.deepEqual(parseArgs(['-top', '-traces=false', 'f']).command, { name: 'top', arg: undefined });
    fails(['-list=', 'f'], 'no report format: use -top, -traces or -list=REGEXP (pprof-lens has no interactive mode)');
    // An empty string flag is an unset one, as in pprof: -top is the only format.
    assert.deepEqual(parseArgs(['-peek', '', '-top', 'f']).command, { name: 'top', arg: undefined });
  });

  it('refuses -http, -no_browser and the formats it does not print, each with its own line', () => {
    fails(['-http=:8080', 'f'], '-http is not supported: pprof-lens prints reports (try -top)');
    fails(['-top', '-http=:8080', 'f'], '-http is not compatible with an output format on the command line');
    fails(['-top', '-no_browser', 'f'], '-no_browser only makes sense with -http');
    // Every other pprof format is known (not "flag provided but not defined") and refused clearly.
    const others = ['comments', 'raw', 'tags', 'callgrind', 'proto', 'topproto', 'gif', 'pdf', 'png', 'ps', 'svg', 'eog', 'evince', 'gv', 'web', 'kcachegrind'];
    for (const f of [...others.map((o) => `-${o}`), '-disasm=main', '-weblist=main']) {
      fails([f, 'f'], `${f.split('=')[0]} is not supported: pprof-lens prints -top, -text, -traces, -tree, -dot, -list=REGEXP and -peek=REGEXP`);
    }
    // They are booleans, as in pprof: -svg=false is no format.
    for (const o of others) assert.deepEqual(parseArgs([`-${o}=false`, '-top', 'f']).command, { name: 'top', arg: undefined }, o);
  });

  it('reads Go\'s boolean spellings (strconv.ParseBool)', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(parseArgs(['-top', `-cum=${t}`, 'f']).config.sort, 'cum', t);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(parseArgs(['-top', '-cum', `-cum=${f}`, 'f']).config.sort, 'flat', f);
    fails(['-top', '-cum=tRUE', 'f'], 'invalid boolean value "tRUE" for -cum: parse error');
  });

  it('says exactly what conflicts, and what -normalize and --max-size need', () => {
    fails(['-top', '-flat', '-cum', 'f'], 'conflicting options set: [cum flat]');
    fails(['-top', '-lines', '-files', 'f'], 'conflicting options set: [files lines]');
    fails(['-top', '--max-size=lots', 'f'], 'invalid value "lots" for flag --max-size: want a size such as 2GiB');
    fails(['-top', '-normalize', 'f'], 'must have base profile to normalize by');
    assert.equal(parseArgs(['-top', '-normalize', '-diff_base=b', 'f']).config.normalize, true);
  });

  it('returns help with nothing else set, and help false otherwise', () => {
    assert.deepEqual(parseArgs(['-top', '-h', 'f']), { help: true, config: defaultConfig(), args: [], base: '', diffBase: false, buildId: '', comment: '', symbolize: '', notes: [] });
    assert.equal(parseArgs(['-top', 'f']).help, false);
    assert.throws(() => parseArgs(['-nope']), (e: unknown) => e instanceof FlagError && e.name === 'FlagError');
  });
});

describe('parseArgs: -growth and -series', () => {
  it('ranks lines by the user\'s code by default', () => {
    const p = parseArgs(['-growth', 'a.pprof', 'b.pprof']);
    assert.equal(p.command, undefined);
    assert.deepEqual(p.args, ['a.pprof', 'b.pprof']);
    assert.deepEqual(p.growth, { series: undefined, intervalMs: 30_000, outDir: '.', granularity: 'lines', yourCode: undefined, goModDir: '.', leaf: false });
  });

  it('reads every growth flag', () => {
    const p = parseArgs(['-series=1', '-interval=1m30s', '-o', 'snaps', '-functions', '-yourcode=^example\\.com/', '-gomod=..', '-leaf', 'http://localhost:6060']);
    assert.deepEqual(p.growth, { series: 1, intervalMs: 90_000, outDir: 'snaps', granularity: 'functions', yourCode: '^example\\.com/', goModDir: '..', leaf: true });
    assert.equal(parseArgs(['-series=3', '-interval=0', 'u']).growth?.intervalMs, 0);
    assert.equal(parseArgs(['-growth', '-lines', 'a']).growth?.granularity, 'lines');
  });

  it('refuses what -growth cannot do, naming the flag', () => {
    fails(['-growth', '-top', 'a'], '-growth and -series print the growth table: drop -top');
    fails(['-growth', '-files', 'a'], '-growth ranks -lines or -functions, not -files');
    fails(['-series=0', 'u'], 'invalid value "0" for flag -series: want 1 or more snapshots');
    fails(['-series=three', 'u'], 'invalid value "three" for flag -series: parse error');
    fails(['-series=-2', 'u'], 'invalid value "-2" for flag -series: want 1 or more snapshots');
    fails(['-series=2', '-interval=-1s', 'u'], 'invalid value "-1s" for flag -interval: want a duration such as 30s or 500ms');
    fails(['-series=2', '-interval=5', 'u'], 'invalid value "5" for flag -interval: want a duration such as 30s or 500ms');
    fails(['-growth'], 'no profile source specified');
    fails(['-top', '-interval=1s', 'f'], '-interval only makes sense with -series');
    fails(['-top', '-o', 'd', 'f'], '-o only makes sense with -series');
    for (const f of ['yourcode=x', 'gomod=.', 'leaf']) {
      fails(['-top', `-${f}`, 'f'], `-${f.split('=')[0]} only applies to -growth and -series (pprof's reports stay pprof's)`);
    }
  });
});

describe('Go number and duration syntax (values from Go 1.19)', () => {
  it('parses ints as strconv.ParseInt(s, 0, 64)', () => {
    // strconv.ParseInt(s, 0, 64): "+5" 5, "0" 0, "-0" 0, "0X1f" 31, "0B11" 3, "0O17" 15, "0_7" 7, "07_7" 63.
    const ok: [string, number][] = [['+5', 5], ['0', 0], ['-0', 0], ['0X1f', 31], ['0B11', 3], ['0O17', 15], ['0_7', 7], ['07_7', 63]];
    for (const [s, v] of ok) assert.equal(parseGoInt(s), v, s);
    // The int64 bounds are accepted, one past them is "value out of range".
    assert.equal(parseGoInt('9223372036854775807'), 2 ** 63 - 1);
    assert.equal(parseGoInt('-9223372036854775808'), -(2 ** 63));
    for (const bad of ['-9223372036854775809', '9223372036854775808', '00b1', '5+']) assert.equal(parseGoInt(bad), undefined, bad);
  });

  it('parses floats as strconv.ParseFloat(s, 64)', () => {
    const ok: [string, number][] = [
      ['inf', Infinity], ['+Infinity', Infinity], ['-INF', -Infinity], ['1e5', 1e5], ['1e+5', 1e5], ['1E-2', 0.01],
      ['5.', 5], ['+.5', 0.5], ['-2.5e-3', -0.0025], ['1_000', 1000], ['1_0.5', 10.5], ['.5_0', 0.5], ['1e1_0', 1e10],
    ];
    for (const [s, v] of ok) assert.equal(parseGoFloat(s), v, s);
    assert.ok(Number.isNaN(parseGoFloat('NaN')));
    // Go refuses a signed NaN and an underscore that is not between digits.
    for (const bad of ['-nan', '+nan', 'xinf', 'infx', 'nanx', 'xnan', '1e', 'e5', '1ex', '1e5x', '1__0', '1_', '_1', '1_.5', '1._5', '1e_5', '1e5_', '1_e5']) {
      assert.equal(parseGoFloat(bad), undefined, bad);
    }
    fails(['-top', '-divide_by=-nan', 'f'], 'invalid value "-nan" for flag -divide_by: parse error');
  });

  it('parses durations as time.ParseDuration, in milliseconds', () => {
    const ok: [string, number][] = [
      ['30s', 30_000], ['1m30s', 90_000], ['500ms', 500], ['1.5h', 5_400_000], ['0', 0], ['-0', 0], ['0s', 0], ['-2s', -2000],
      ['+3s', 3000], ['10s', 10_000], ['.25s', 250], ['1.25s', 1250], ['1us', 0.001], ['1µs', 0.001], ['2ns', 2e-6], ['.5s', 500], ['1.s', 1000], ['1h2m3s4ms', 3_723_004],
      // Several digits before a fraction (time.ParseDuration: 12.5s, 10m15s, 1h12m30s, 100.5ms).
      ['12.5s', 12_500], ['10.25m', 615_000], ['1h12.5m', 4_350_000], ['100.5ms', 100.5],
    ];
    for (const [s, v] of ok) assert.equal(parseGoDuration(s), v, s);
    for (const bad of ['s', '1', '1d', '', 'x1s', '1sx']) assert.equal(parseGoDuration(bad), undefined, bad);
  });

  it('parses sizes in powers of 1024', () => {
    const ok: [string, number][] = [[' 1k ', 1024], ['1.25k', 1280], ['2GB', 2 ** 31], ['3TiB', 3 * 2 ** 40], ['10b', 10]];
    for (const [s, v] of ok) assert.equal(parseSize(s), v, s);
    for (const bad of ['x1k', '1kbx', '1.k', '-1k', '1kk']) assert.equal(parseSize(bad), undefined, bad);
  });
});
