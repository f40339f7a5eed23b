// The entry of the report engine: one report, chosen by options.outputFormat, as pprof's
// report.Generate. Kept apart from report.ts so that report.ts and source.ts do not import each other.
import { ProfileError } from '../errors';
import type { Profile } from '../profile';
import type { OutputFormat, ReportOptions, SourceReader } from './options';
import { printDot } from './dot';
import { printText, printTraces, printTree, Report } from './report';
import { printSource } from './source';

/**
 * generate produces a report as pprof's report.Generate does, for the formats implemented so
 * far (text, traces, list, tree, dot). The profile must already be filtered by the driver; -list
 * reads sources through `sourceReader`. Throws ProfileError (e.g. no function matches -list).
 */
export function generate(p: Profile, options: ReportOptions, sourceReader?: SourceReader): string {
  const rpt = new Report(p, options);
  const format: OutputFormat = options.outputFormat;
  switch (format) {
    case 'text':
      return printText(rpt);
    case 'traces':
      return printTraces(rpt);
    case 'list':
      if (!sourceReader) throw new ProfileError('-list needs a source reader to read source files');
      return printSource(rpt, sourceReader);
    case 'tree':
      return printTree(rpt);
    case 'dot':
      // pprof honors -call_tree only in visual reports; its tree graph (newTree, TrimTree) is not ported.
      if (options.callTree) throw new ProfileError('-call_tree is not supported by pprof-lens');
      return printDot(rpt);
  }
}
