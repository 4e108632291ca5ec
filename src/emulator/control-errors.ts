/** What the control API answers when a test asks for something impossible: `{error, message}`. */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 502,
    readonly code: 'invalid_input' | 'not_found' | 'conflict' | 'endpoint_unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }

  get body(): { error: string; message: string } {
    return { error: this.code, message: this.message };
  }
}

export const controlErrors = {
  invalid: (message: string): ControlError => new ControlError(400, 'invalid_input', message),
  notFound: (message: string): ControlError => new ControlError(404, 'not_found', message),
  conflict: (message: string): ControlError => new ControlError(409, 'conflict', message),
  /** A URL the emulator calls out to (a notification endpoint) did not answer. */
  unreachable: (message: string): ControlError => new ControlError(502, 'endpoint_unreachable', message),
};
