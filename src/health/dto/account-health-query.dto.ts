import { ApiPropertyOptional } from '../../common/openapi/openapi-decorators';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class AccountHealthQuery {
  @ApiPropertyOptional({
    description:
      'true: also check the account at eBay now (Identity getUser, refreshing the token if need be) and record the result',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  live?: boolean;
}
