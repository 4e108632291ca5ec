import { UnauthorizedException } from '@nestjs/common';

/**
 * What a JWT guard's handleRequest answers: the user, else a 401 with `message`. An error of
 * our own while checking (the database is down) keeps its identity, and its status.
 */
export function authenticatedUser<User>(error: unknown, user: User | false | null | undefined, message: string): User {
  if (error !== null && error !== undefined) throw error;
  if (user === false || user === null || user === undefined) throw new UnauthorizedException(message);
  return user;
}
