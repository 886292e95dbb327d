import type { CommandResult } from '../../../data/dataEnvironment';

/** One sentence out of a refused command's field errors, for a role="alert" line. */
export function commandErrorText(result: CommandResult<unknown>): string | null {
  if (result.ok) return null;
  const messages = Object.values(result.errors);
  return messages.length > 0 ? messages.join(' ') : 'That did not work, and nothing was saved.';
}
