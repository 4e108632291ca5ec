import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthConfig } from '../config/configuration';
import type { AuthUser } from './auth-user';
import type { JwtClaims } from './auth.service';
import { UsersService } from './users.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AuthConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** Looks the user up on every request, so deactivation and demotion take effect at once. */
  async validate(claims: JwtClaims): Promise<AuthUser> {
    const user = typeof claims.sub === 'string' ? await this.users.findActive(claims.sub) : null;
    if (user === null) throw new UnauthorizedException('This token no longer grants access');
    return user;
  }
}
