import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context';
import { Auth } from '../../common/auth/auth.decorators';
import { ApiAuthenticated } from '../../common/http/api-errors.decorator';
import { UuidParamPipe } from '../../common/http/validation.pipes';
import { CreateFlightSearchDto, FlightOfferQuery, FlightOffersPage } from './dto/flight-search.dto';
import { FlightSearchesService } from './flight-searches.service';

@ApiTags('flights')
@ApiAuthenticated()
@Controller()
export class FlightSearchesController {
  constructor(private readonly searches: FlightSearchesService) {}

  @ApiOperation({ summary: 'Search flights for a trip, each offer judged against the travel policy' })
  @Post('trips/:id/flight-searches')
  @ApiAuthenticated(400, 403, 404, 409, 422)
  @ApiCreatedResponse({
    type: FlightOffersPage,
    description:
      'The stored search and the first page of its offers (sorted and filtered by the query, like GET /api/flight-searches/:id), each with its policy verdict and reasons. Whoever may book for the trip (`book_travel`)',
  })
  create(
    @Auth() ctx: AuthContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateFlightSearchDto,
    @Query() query: FlightOfferQuery,
  ) {
    return this.searches.search(ctx, id, dto, query);
  }

  @ApiOperation({ summary: "A flight search's offers, sorted, filtered and paged" })
  @Get('flight-searches/:id')
  @ApiAuthenticated(400, 404, 422)
  @ApiOkResponse({
    type: FlightOffersPage,
    description:
      'Offers not yet expired; once the last one has, 422 FLIGHT_SEARCH_EXPIRED (search again). Whoever may see the trip',
  })
  get(@Auth() ctx: AuthContext, @Param('id', UuidParamPipe) id: string, @Query() query: FlightOfferQuery) {
    return this.searches.get(ctx, id, query);
  }
}
