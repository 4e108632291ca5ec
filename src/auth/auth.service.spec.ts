import type { JwtService } from '@nestjs/jwt';
import type { AuthConfig } from '../config/configuration';
import { InvalidCredentialsError } from './auth.errors';
import { AuthService } from './auth.service';
import type { User } from './entities/user.entity';
import type { PasswordHasher } from './password-hasher';
import type { UsersRepository } from './users.repository';

function fakeHasher(isMatch: boolean) {
  return {
    verify: jest.fn(async () => isMatch),
    verifyNothing: jest.fn(async () => false as const),
  };
}

function serviceWith(user: Partial<User> | null, hasher: ReturnType<typeof fakeHasher>): AuthService {
  const users = { findByEmail: jest.fn(async () => user) } as unknown as UsersRepository;
  const jwt = { signAsync: jest.fn(async () => 'signed.jwt') } as unknown as JwtService;
  const config = { jwtExpiresInSeconds: 900 } as AuthConfig;
  return new AuthService(users, hasher as unknown as PasswordHasher, jwt, config);
}

const ACTIVE_USER = { id: 'u1', email: 'a@example.com', passwordHash: 'hash', isActive: true };

describe('AuthService.login', () => {
  it('spends a password verification on unknown emails too, then refuses', async () => {
    const hasher = fakeHasher(true);
    await expect(serviceWith(null, hasher).login('nobody@example.com', 'pw')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    expect(hasher.verifyNothing).toHaveBeenCalledWith('pw');
  });

  it('refuses a deactivated user even with the right password', async () => {
    const hasher = fakeHasher(true);
    await expect(
      serviceWith({ ...ACTIVE_USER, isActive: false }, hasher).login('a@example.com', 'pw'),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(hasher.verify).toHaveBeenCalledWith('hash', 'pw');
  });

  it('refuses a wrong password', async () => {
    await expect(serviceWith(ACTIVE_USER, fakeHasher(false)).login('a@example.com', 'pw')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
  });

  it('issues a JWT with its lifetime for the right password', async () => {
    await expect(serviceWith(ACTIVE_USER, fakeHasher(true)).login('a@example.com', 'pw')).resolves.toEqual({
      accessToken: 'signed.jwt',
      expiresIn: 900,
    });
  });
});
