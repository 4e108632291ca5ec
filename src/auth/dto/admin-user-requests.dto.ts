import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { RegisterRequest } from './credentials.dto';

export class CreateUserRequest extends RegisterRequest {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isAdmin?: boolean;
}

/** Send one or both fields. */
export class UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isAdmin?: boolean;

  @ApiPropertyOptional({ description: 'false signs the user out everywhere: their JWTs stop working' })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}
