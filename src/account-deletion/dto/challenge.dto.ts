import { ApiProperty } from '../../common/openapi/openapi-decorators';
import { IsString, Length } from 'class-validator';

/** eBay's codes are a few dozen characters; this bounds what the hash is asked to read. */
export const MAX_CHALLENGE_CODE_LENGTH = 512;

export class ChallengeQuery {
  @ApiProperty({ minLength: 1, maxLength: MAX_CHALLENGE_CODE_LENGTH, description: 'The code eBay sends to check the endpoint' })
  @IsString({ message: 'challenge_code is required' })
  @Length(1, MAX_CHALLENGE_CODE_LENGTH, { message: `challenge_code must be 1 to ${MAX_CHALLENGE_CODE_LENGTH} characters` })
  challenge_code!: string;
}

export class ChallengeResponse {
  @ApiProperty({
    example: 'a1fc982fd8044c6c206b6d59a5133dfbab496c342990433404582b796e368e8b',
    description: 'hex SHA-256 of challenge_code + verification token + endpoint URL',
  })
  challengeResponse!: string;
}
