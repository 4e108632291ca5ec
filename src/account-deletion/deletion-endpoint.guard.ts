import { type CanActivate, Injectable } from '@nestjs/common';
import { DeletionEndpointNotConfiguredError } from './account-deletion.errors';
import { AccountDeletionService } from './account-deletion.service';

/** Answers 404 before anything else (query validation included) while the endpoint is not configured. */
@Injectable()
export class DeletionEndpointGuard implements CanActivate {
  constructor(private readonly deletions: AccountDeletionService) {}

  canActivate(): boolean {
    if (!this.deletions.isConfigured) throw new DeletionEndpointNotConfiguredError();
    return true;
  }
}
