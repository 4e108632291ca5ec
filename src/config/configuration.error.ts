/** A configuration value that stops the service from starting; its message is one line. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';

  constructor(message: string) {
    super(message);
  }
}
