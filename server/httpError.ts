/** An error with the HTTP status and protocol error code the client should see. */
import type { SyncErrorCode } from '../shared/sync/protocol';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
