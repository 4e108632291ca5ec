import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthConfig } from '../config/configuration';
import { InvalidCredentialsError } from './auth.errors';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

export interface IssuedJwt {
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** What a JWT carries. Rights are re-read from the database on every request. */
export interface JwtClaims {
  readonly sub: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly config: AuthConfig,
  ) {}

  /**
   * Exchanges an email and password for a JWT. Every failure (unknown email, wrong password,
   * deactivated user) answers the same error after the same work.
   */
  async login(email: string, password: string): Promise<IssuedJwt> {
    const user = await this.users.findByEmail(email);
    const isValid =
      user === null
        ? await this.hasher.verifyNothing(password)
        : await this.hasher.verify(user.passwordHash, password);
    if (user === null || !isValid || !user.isActive) throw new InvalidCredentialsError();
    const claims: JwtClaims = { sub: user.id };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.config.jwtExpiresInSeconds,
    };
  }
}
