import { ApiProperty } from '../../common/openapi/openapi-decorators';
import type { User } from '../entities/user.entity';

/** A user as they see themselves. */
export class UserResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the id of their organisation' })
  id!: string;

  @ApiProperty({ example: 'ops@example.com' })
  email!: string;

  @ApiProperty()
  isAdmin!: boolean;

  static from(user: Pick<User, 'id' | 'email' | 'isAdmin'>): UserResponse {
    return { id: user.id, email: user.email, isAdmin: user.isAdmin };
  }
}

/** A user as administrators see them. */
export class AdminUserResponse extends UserResponse {
  @ApiProperty({ description: 'Inactive users cannot sign in; their JWTs stop working' })
  isActive!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static override from(user: User): AdminUserResponse {
    return {
      ...UserResponse.from(user),
      isActive: user.isActive,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}

export class AdminUsersPage {
  @ApiProperty({ type: [AdminUserResponse] })
  items!: AdminUserResponse[];

  @ApiProperty({ description: 'How many users there are in all' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
