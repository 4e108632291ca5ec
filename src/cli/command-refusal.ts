/**
 * A command refused what it was given (arguments, input, state of the database). Its message
 * is the one line the operator reads; anything else that goes wrong is reported as a failure.
 */
export class CommandRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandRefusal';
  }
}
