import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '../common/openapi/openapi-decorators';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { ApiUuidParam } from '../common/http/api-uuid-param.decorator';
import { PageQuery } from '../common/paging/page-query.dto';
import type { AuthUser } from './auth-user';
import { CurrentUser } from './decorators/current-user.decorator';
import { CreateUserRequest, UpdateUserRequest } from './dto/admin-user-requests.dto';
import { AdminUserResponse, AdminUsersPage } from './dto/user-response.dto';
import { AdminGuard } from './guards/admin.guard';
import { UsersService } from './users.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@ApiForbiddenResponse({ type: ErrorResponse, description: 'The caller is not an administrator' })
@UseGuards(AdminGuard)
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users, oldest first' })
  @ApiOkResponse({ type: AdminUsersPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid limit or offset' })
  async list(@Query() page: PageQuery): Promise<AdminUsersPage> {
    const result = await this.users.list(page.limit, page.offset);
    return { ...result, items: result.items.map((user) => AdminUserResponse.from(user)) };
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (works when registration is closed)' })
  @ApiCreatedResponse({ type: AdminUserResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid email or a password under 10 characters' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The email is taken' })
  async create(@Body() body: CreateUserRequest): Promise<AdminUserResponse> {
    return AdminUserResponse.from(await this.users.create(body));
  }

  @Patch(':id')
  @ApiUuidParam('id', 'The user’s id')
  @ApiOperation({ summary: 'Grant or remove admin rights; activate or deactivate a user' })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid id or body' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such user' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Administrators cannot demote or deactivate themselves' })
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserRequest,
  ): Promise<AdminUserResponse> {
    return AdminUserResponse.from(await this.users.update(actor, id, body));
  }
}
