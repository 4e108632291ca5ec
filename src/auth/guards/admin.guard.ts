import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth-user';

/** Lets administrators through; runs after the global JwtAuthGuard has set the user. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user?.isAdmin !== true) throw new ForbiddenException('Administrators only');
    return true;
  }
}
