import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { trim } from '../common/validation/text';
import { Airport, MAX_AIRPORT_RESULTS, searchAirports } from './airports.index';
import { MAX_QUERY_LENGTH } from './places.index';

export class AirportsQuery {
  @ApiProperty({
    example: 'fra',
    description: "An IATA code, the beginning of the served city's name or of a word of the airport's name",
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_QUERY_LENGTH)
  q: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_AIRPORT_RESULTS, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AIRPORT_RESULTS)
  limit: number = 10;
}

export class AirportResponse implements Airport {
  @ApiProperty({ example: 'FRA' }) iata: string;
  @ApiProperty({ example: 'Frankfurt am Main Airport' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'Frankfurt', description: 'The city it serves, when known' })
  city: string | null;
  @ApiProperty({ example: 'Germany' }) country: string;
  @ApiProperty({ example: 'DE' }) countryCode: string;
  @ApiProperty({ example: 50.0333 }) latitude: number;
  @ApiProperty({ example: 8.5706 }) longitude: number;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
}

/** Airports only, for flight search fields: the bundled OpenFlights data (docs/booking.md § Airports). */
@ApiTags('places')
@ApiAuthenticated(400)
@Controller('airports')
export class AirportsController {
  @ApiOperation({
    summary: 'Search airports by IATA code, city or name, ranked',
    description:
      'The airport whose code the query is comes first, then airports whose served city starts with it, then those with a word of their name starting with it; each group by the size of the city served, international airports first among equals.',
  })
  @Get()
  @ApiOkResponse({ type: [AirportResponse] })
  search(@Query() query: AirportsQuery): AirportResponse[] {
    return searchAirports(query.q, query.limit);
  }
}
