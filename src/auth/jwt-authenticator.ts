import { type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Passport } from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { AuthConfig } from '../config/configuration';
import type { AuthUser } from './auth-user';
import type { JwtClaims } from './auth.service';
import { UsersService } from './users.service';

/**
 * Verifies a request's bearer JWT (HS256, passport-jwt) and finds its user. The user is read
 * from the database on every request, so deactivation and demotion take effect at once.
 * The Passport instance is this app's own: passport's global registry would let one app in
 * a process validate tokens with another's services.
 */
@Injectable()
export class JwtAuthenticator {
  private readonly passport = new Passport();

  constructor(config: AuthConfig, users: UsersService) {
    this.passport.use(
      'jwt',
      new JwtStrategy(
        {
          jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
          secretOrKey: config.jwtSecret,
          algorithms: ['HS256'],
        },
        (claims: JwtClaims, done: (error: unknown, user?: AuthUser | false) => void) => {
          if (typeof claims.sub !== 'string') return done(null, false);
          users.findActive(claims.sub).then((user) => done(null, user ?? false), done);
        },
      ),
    );
  }

  /**
   * The user of the request's JWT, also set as request.user; undefined when the JWT is
   * missing, invalid, expired or revoked.
   */
  async authenticateRequest(context: ExecutionContext): Promise<AuthUser | undefined> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: AuthUser }>();
    const user = await this.authenticate(request, http.getResponse<Response>());
    if (user !== undefined) request.user = user;
    return user;
  }

  private authenticate(request: Request, response: Response): Promise<AuthUser | undefined> {
    return new Promise((resolve, reject) => {
      const middleware = this.passport.authenticate(
        'jwt',
        { session: false },
        (error: unknown, user: AuthUser | false | undefined) => {
          if (error !== null && error !== undefined) reject(error instanceof Error ? error : new Error(String(error)));
          else resolve(user === false ? undefined : user);
        },
      ) as (req: Request, res: Response, next: (error?: unknown) => void) => void;
      middleware(request, response, reject);
    });
  }
}
