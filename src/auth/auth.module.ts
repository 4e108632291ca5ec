import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthConfig } from '../config/configuration';
import { RateLimitsModule } from '../rate-limits';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { User } from './entities/user.entity';
import { AdminGuard } from './guards/admin.guard';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { CredentialThrottleGuard } from './guards/credential-throttle.guard';
import { JWT_ALGORITHM, JWT_ISSUER, jwtKey } from './jwt-settings';
import { JwtStrategy } from './jwt.strategy';
import { OptionalJwtAuthGuard } from './guards/optional-jwt-auth.guard';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    RateLimitsModule,
    PassportModule,
    // Signs only; JwtStrategy verifies, with the same key, algorithm and issuer (jwt-settings.ts).
    JwtModule.registerAsync({
      inject: [AuthConfig],
      useFactory: (config: AuthConfig) => ({
        privateKey: jwtKey(config),
        signOptions: { algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER, expiresIn: config.jwtExpiresInSeconds },
      }),
    }),
  ],
  controllers: [AuthController, AdminUsersController],
  providers: [
    AuthService,
    UsersService,
    UsersRepository,
    PasswordHasher,
    JwtStrategy,
    OptionalJwtAuthGuard,
    AdminGuard,
    CredentialThrottleGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AdminGuard, OptionalJwtAuthGuard, UsersService],
})
export class AuthModule {}
