import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthConfig } from '../config/configuration';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { User } from './entities/user.entity';
import { AdminGuard } from './guards/admin.guard';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { CredentialThrottleGuard } from './guards/credential-throttle.guard';
import { JwtAuthenticator } from './jwt-authenticator';
import { OptionalJwtAuthGuard } from './guards/optional-jwt-auth.guard';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    RateLimitsModule,
    JwtModule.registerAsync({
      inject: [AuthConfig],
      useFactory: (config: AuthConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtExpiresInSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, AdminUsersController],
  providers: [
    AuthService,
    UsersService,
    UsersRepository,
    PasswordHasher,
    JwtAuthenticator,
    OptionalJwtAuthGuard,
    AdminGuard,
    CredentialThrottleGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AdminGuard, JwtAuthenticator, OptionalJwtAuthGuard],
})
export class AuthModule {}
