import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context';
import { Auth } from '../../common/auth/auth.decorators';
import { ApiAuthenticated } from '../../common/http/api-errors.decorator';
import { UuidParamPipe } from '../../common/http/validation.pipes';
import { CreateStaySearchDto, StayRateQuery, StayRatesPage } from './dto/stay-search.dto';
import { StaySearchesService } from './stay-searches.service';

@ApiTags('stays')
@ApiAuthenticated()
@Controller()
export class StaySearchesController {
  constructor(private readonly searches: StaySearchesService) {}

  @ApiOperation({ summary: 'Search hotels for a trip, each rate judged against the travel policy' })
  @Post('trips/:id/stay-searches')
  @ApiAuthenticated(400, 403, 404, 409, 422)
  @ApiCreatedResponse({
    type: StayRatesPage,
    description:
      "The stored search and the first page of its rates (sorted and filtered by the query, like GET /api/stay-searches/:id), each with its policy verdict and reasons. Around the trip's destination unless a point or properties are given. Whoever may book for the trip (`book_travel`)",
  })
  create(
    @Auth() ctx: AuthContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateStaySearchDto,
    @Query() query: StayRateQuery,
  ) {
    return this.searches.search(ctx, id, dto, query);
  }

  @ApiOperation({ summary: "A stay search's rates, sorted, filtered and paged" })
  @Get('stay-searches/:id')
  @ApiAuthenticated(400, 404, 422)
  @ApiOkResponse({
    type: StayRatesPage,
    description:
      'Rates not yet expired; once the last one has, 422 STAY_SEARCH_EXPIRED (search again). Whoever may see the trip',
  })
  get(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string, @Query() query: StayRateQuery) {
    return this.searches.get(ctx, id, query);
  }
}
