import { ApiPropertyOptional } from '../../common/openapi/openapi-decorators';
import { IsBoolean } from 'class-validator';
import { IsOptionalNotNull } from '../../common/validation/is-optional-not-null.decorator';
import { RegisterRequest } from './credentials.dto';

export class CreateUserRequest extends RegisterRequest {
  @ApiPropertyOptional({ default: false })
  @IsOptionalNotNull()
  @IsBoolean()
  isAdmin?: boolean;
}

/** Send one or both fields. */
export class UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  isAdmin?: boolean;

  @ApiPropertyOptional({ description: 'false signs the user out everywhere: their JWTs stop working' })
  @IsOptionalNotNull()
  @IsBoolean()
  isActive?: boolean;
}
