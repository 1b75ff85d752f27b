import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiAuthenticated } from '../common/http/api-errors.decorator';
import { trim } from '../organizations/dto/organization.dto';
import { MAX_QUERY_LENGTH, MAX_RESULTS, searchPlaces } from './places.index';

export class PlacesQuery {
  @ApiProperty({ example: 'ber', description: 'Beginning of a city name' })
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
  @ApiProperty({ example: 'Berlin' }) name: string;
  @ApiProperty({ example: 'Germany' }) country: string;
  @ApiProperty({ example: 'DE' }) countryCode: string;
  @ApiProperty({ example: 52.52 }) latitude: number;
  @ApiProperty({ example: 13.405 }) longitude: number;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
  @ApiProperty() population: number;
}

/** Destination search from a bundled cities dataset: no external geocoder needed. */
@ApiTags('places')
@ApiAuthenticated(400)
@Controller('places')
export class PlacesController {
  @Get()
  @ApiOkResponse({ type: [PlaceResponse] })
  search(@Query() query: PlacesQuery): PlaceResponse[] {
    return searchPlaces(query.q, query.limit);
  }
}
