import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { PreparedStatement } from '../database/prepared-statement';
import { violatedUniqueConstraint } from '../database/unique-violation';
import type { AuthUser } from './auth-user';
import type { Page } from '../common/paging/page-query.dto';
import { EmailTakenError } from './auth.errors';
import { User } from './entities/user.entity';

export interface NewUser {
  readonly email: string;
  readonly passwordHash: string;
  readonly isAdmin: boolean;
}

export interface UserChanges {
  readonly isAdmin?: boolean;
  readonly isActive?: boolean;
}

/** What the JWT guard reads of the caller $1. */
export const ACTIVE_CALLER_SQL = 'SELECT id, email, is_admin FROM users WHERE id = $1 AND is_active';

const ACTIVE_CALLER = new PreparedStatement<{ id: string; email: string; is_admin: boolean }>('users_active_caller', ACTIVE_CALLER_SQL);

/** Any fixed number; only first-user registrations take it. */
const FIRST_USER_LOCK_ID = 7_204_118_532;

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  /** The active user `id` as the JWT guard needs it, on every authenticated request: one prepared statement. */
  async findActiveCaller(id: string): Promise<AuthUser | null> {
    const [row] = await ACTIVE_CALLER.rows(this.dataSource, [id]);
    return row === undefined ? null : { id: row.id, email: row.email, isAdmin: row.is_admin };
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  async listPage(limit: number, offset: number): Promise<Page<User>> {
    const [items, total] = await this.users.findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }

  /**
   * Inserts a user. With `adminIfFirst`, the very first user becomes an admin; the lock makes
   * two simultaneous first registrations produce one admin, not two.
   */
  async insert(user: NewUser, options: { adminIfFirst: boolean }): Promise<User> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        let isAdmin = user.isAdmin;
        if (options.adminIfFirst && !isAdmin) {
          await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_USER_LOCK_ID]);
          isAdmin = (await manager.count(User)) === 0;
        }
        return manager.save(manager.create(User, { ...user, isAdmin }));
      });
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'uq_users_email') throw new EmailTakenError();
      throw error;
    }
  }

  /** Applies the changes and returns the user as stored, or null when there is none. */
  async update(id: string, changes: UserChanges): Promise<User | null> {
    const user = await this.findById(id);
    if (user === null) return null;
    return this.users.save(this.users.merge(user, changes));
  }
}
