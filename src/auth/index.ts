/** What other modules may use of auth: its module, the caller's identity, guards and decorators. */
export { AuthModule } from './auth.module';
export type { AuthUser } from './auth-user';
export { CurrentUser } from './decorators/current-user.decorator';
export { Public } from './decorators/public.decorator';
export { AdminGuard } from './guards/admin.guard';
export { OptionalJwtAuthGuard } from './guards/optional-jwt-auth.guard';
export { UsersService } from './users.service';
