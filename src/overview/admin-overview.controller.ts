import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '../common/openapi/openapi-decorators';
import { AdminGuard } from '../auth';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { AdminOverviewService } from './admin-overview.service';
import { AdminOverviewResponse } from './dto/admin-overview.response';

@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing, invalid or revoked JWT' })
@ApiForbiddenResponse({ type: ErrorResponse, description: 'The caller is not an administrator' })
@UseGuards(AdminGuard)
@Controller('admin/overview')
export class AdminOverviewController {
  constructor(private readonly overview: AdminOverviewService) {}

  @Get()
  @ApiOperation({
    summary: 'The fleet in one call',
    description:
      'Accounts by status, tokens expiring within the refresh horizon and failing, the background refresher’s ' +
      'last run and last 24 hours, and eBay’s refresh grants used today against the daily quota. Every organisation.',
  })
  @ApiOkResponse({ type: AdminOverviewResponse })
  get(): Promise<AdminOverviewResponse> {
    return this.overview.overview();
  }
}
