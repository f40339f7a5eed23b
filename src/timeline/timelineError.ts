/**
 * TimelineError is a timeline source that cannot answer (not Prometheus, a query error, no
 * samples, a target down, a range too large). Invariant: `message` is one line saying what is
 * wrong and what to do.
 */
export class TimelineError extends Error {
  override readonly name = 'TimelineError';
  constructor(message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, ' '));
  }
}
