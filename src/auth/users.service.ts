import { Injectable } from '@nestjs/common';
import type { Page } from '../common/paging/page-query.dto';
import { AuthConfig } from '../config/configuration';
import type { AuthUser } from './auth-user';
import {
  NothingToUpdateError,
  RegistrationClosedError,
  SelfLockoutError,
  UserNotFoundError,
} from './auth.errors';
import type { User } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { type UserChanges, UsersRepository } from './users.repository';

export interface NewUserInput {
  readonly email: string;
  readonly password: string;
  readonly isAdmin?: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: AuthConfig,
  ) {}

  /** Self-service sign-up; the first user ever becomes an administrator. */
  async register(input: NewUserInput): Promise<User> {
    if (!this.config.allowRegistration) throw new RegistrationClosedError();
    const passwordHash = await this.hasher.hash(input.password);
    return this.users.insert({ email: input.email, passwordHash, isAdmin: false }, { adminIfFirst: true });
  }

  /** An administrator creates a user, whether or not self-service registration is open. */
  async create(input: NewUserInput): Promise<User> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.users.insert(
      { email: input.email, passwordHash, isAdmin: input.isAdmin ?? false },
      { adminIfFirst: false },
    );
  }

  list(limit: number, offset: number): Promise<Page<User>> {
    return this.users.listPage(limit, offset);
  }

  /** Grants or removes admin rights, activates or deactivates; never on oneself. */
  async update(actor: AuthUser, id: string, changes: UserChanges): Promise<User> {
    if (changes.isAdmin === undefined && changes.isActive === undefined) throw new NothingToUpdateError();
    if (id === actor.id && (changes.isAdmin === false || changes.isActive === false)) {
      throw new SelfLockoutError();
    }
    const user = await this.users.update(id, changes);
    if (user === null) throw new UserNotFoundError();
    return user;
  }

  /** The user behind a JWT, if they still exist and are active. */
  findActive(id: string): Promise<AuthUser | null> {
    return this.users.findActiveCaller(id);
  }
}
