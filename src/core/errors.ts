/**
 * ProfileError is the one error the engine throws for bad input: its message is a single line
 * that names the problem and, where one exists, the fix. Anything else escaping the engine is a bug.
 */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
  }
}

/** Returns true for errors the engine raised on purpose (bad input), false for bugs. */
export function isProfileError(e: unknown): e is ProfileError {
  return e instanceof ProfileError;
}
