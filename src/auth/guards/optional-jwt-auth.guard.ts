import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { JwtAuthenticator } from '../jwt-authenticator';

/**
 * For public routes that also accept a JWT: without an Authorization header the request
 * passes anonymously; with one, the JWT must be valid, and request.user is set.
 */
@Injectable()
export class OptionalJwtAuthGuard implements CanActivate {
  constructor(private readonly authenticator: JwtAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.switchToHttp().getRequest<Request>().headers.authorization === undefined) return true;
    const user = await this.authenticator.authenticateRequest(context);
    if (user === undefined) throw new UnauthorizedException('The Authorization header holds no valid JWT');
    return true;
  }
}
