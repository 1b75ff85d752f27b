import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { trim } from '../common/validation/text';
import type { PlaceKind } from './place-search';
import { MAX_QUERY_LENGTH, MAX_RESULTS } from './places.index';
import { PlacesService } from './places.service';

export class PlacesQuery {
  @ApiProperty({
    example: 'ber',
    description: "Beginning of a city's name, an airport's IATA code, city or a word of its name",
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_QUERY_LENGTH)
  q: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_RESULTS, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_RESULTS)
  limit: number = 10;
}

export class PlaceResponse {
  @ApiProperty({
    enum: ['city', 'airport', 'place'],
    enumName: 'PlaceKind',
    description: '`city` and `airport` from the bundled data, `place` from the configured geocoder',
  })
  kind: PlaceKind;
  @ApiProperty({ example: 'Berlin' }) name: string;
  @ApiProperty({ example: 'Germany' }) country: string;
  @ApiProperty({ example: 'DE' }) countryCode: string;
  @ApiProperty({ example: 52.52 }) latitude: number;
  @ApiProperty({ example: 13.405 }) longitude: number;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Cities only' }) population: number | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: "An airport's IATA code" }) iata:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'The city an airport serves, when known' })
  city: string | null;
}

/** Destination search: bundled cities and airports, then the configured geocoder's places, if any. */
@ApiTags('places')
@ApiAuthenticated(400)
@Controller('places')
export class PlacesController {
  constructor(private readonly places: PlacesService) {}

  @ApiOperation({ summary: 'Search cities, airports and places by name or IATA code' })
  @Get()
  @ApiOkResponse({ type: [PlaceResponse] })
  search(@Query() query: PlacesQuery): Promise<PlaceResponse[]> {
    return this.places.search(query.q, query.limit);
  }
}
