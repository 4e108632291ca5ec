import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { JWT_STRATEGY } from '../jwt.strategy';
import { authenticatedUser } from './authenticated-user';

/**
 * For public routes that also accept a JWT: without an Authorization header the request
 * passes anonymously; with one, the JWT must be valid, and request.user is set.
 */
@Injectable()
export class OptionalJwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  override canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    if (context.switchToHttp().getRequest<Request>().headers.authorization === undefined) return true;
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<User>(error: unknown, user: User | false | null): User {
    return authenticatedUser(error, user, 'The Authorization header holds no valid JWT');
  }
}
