import { ApiProperty } from '../../common/openapi/openapi-decorators';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;
export const MAX_EMAIL_LENGTH = 254;

/** Emails are compared trimmed and lower-cased, in the DTOs and wherever else they are counted. */
export function normaliseEmail(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

const toNormalisedEmail = ({ value }: { value: unknown }): unknown => normaliseEmail(value);

/** Email and password of a new user. */
export class RegisterRequest {
  @ApiProperty({ example: 'ops@example.com', description: 'Stored lower-cased' })
  @Transform(toNormalisedEmail)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(MAX_EMAIL_LENGTH)
  email!: string;

  @ApiProperty({ example: 'correct horse battery', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  })
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

export class LoginRequest {
  @ApiProperty({ example: 'ops@example.com' })
  @Transform(toNormalisedEmail)
  @IsString()
  @MaxLength(MAX_EMAIL_LENGTH)
  email!: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'A JWT to send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 3600, description: 'Seconds until the JWT expires' })
  expiresIn!: number;
}
