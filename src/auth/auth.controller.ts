import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '../common/openapi/openapi-decorators';
import { ErrorResponse } from '../common/errors/error-response.dto';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { LOGIN_LIMITS, REGISTER_LIMITS } from './credential-attempt-limits';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import { LoginRequest, LoginResponse, RegisterRequest } from './dto/credentials.dto';
import { UserResponse } from './dto/user-response.dto';
import { ThrottleCredentials } from './guards/credential-throttle.guard';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('register')
  @ThrottleCredentials(REGISTER_LIMITS)
  @ApiOperation({
    summary: 'Create an account',
    description: 'The first user ever becomes an administrator. Closed when ALLOW_REGISTRATION=false.',
  })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid email or a password under 10 characters' })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Registration is closed' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The email is taken' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'Too many registrations from this address or for this email; see Retry-After',
  })
  async register(@Body() body: RegisterRequest): Promise<UserResponse> {
    return UserResponse.from(await this.users.register(body));
  }

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ThrottleCredentials(LOGIN_LIMITS)
  @ApiOperation({ summary: 'Exchange email and password for a JWT' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Missing or malformed fields' })
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Wrong email or password' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'Too many attempts from this address or for this email; see Retry-After',
  })
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const jwt = await this.auth.login(body.email, body.password);
    return { accessToken: jwt.accessToken, tokenType: 'Bearer', expiresIn: jwt.expiresIn };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserResponse })
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
  me(@CurrentUser() user: AuthUser): UserResponse {
    return UserResponse.from(user);
  }
}
