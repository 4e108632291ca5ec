import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-jwt';
import { AuthConfig } from '../config/configuration';
import type { AuthUser } from './auth-user';
import type { JwtClaims } from './auth.service';
import { JWT_ALGORITHM, JWT_ISSUER, jwtKey } from './jwt-settings';
import { UsersService } from './users.service';

export const JWT_STRATEGY = 'jwt';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Exactly `Bearer <header>.<payload>.<signature>`: anything before, after or between is refused. */
const BEARER_JWT = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

/**
 * Verifies a request's bearer JWT (signature, algorithm, issuer, expiry) and loads its user
 * from the database, so deactivation and demotion take effect at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    config: AuthConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: bearerJwt,
      // passport-jwt's types predate KeyObject; jsonwebtoken 9, which verifies, takes one.
      secretOrKey: jwtKey(config) as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      ignoreExpiration: false,
    });
  }

  /** The active user of well-formed claims; null (401) for anything else. */
  async validate(claims: Partial<JwtClaims> & { exp?: unknown }): Promise<AuthUser | null> {
    // A JWT without exp would never expire; one whose sub is not a UUID names nobody.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return null;
    return this.users.findActive(claims.sub);
  }
}

function bearerJwt(request: Request): string | null {
  const header = request.headers.authorization;
  return typeof header === 'string' ? (BEARER_JWT.exec(header)?.[1] ?? null) : null;
}
