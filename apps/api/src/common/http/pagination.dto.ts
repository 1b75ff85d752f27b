import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

export class PaginationQuery {
  @ApiPropertyOptional({ type: Number, minimum: 1, default: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  /** Values above the maximum are clamped to it rather than refused. */
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Type(() => Number)
  @Transform(({ value }) => (typeof value === 'number' && value > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : value))
  @IsInt()
  @Min(1)
  limit: number = 20;

  get offset(): number {
    return (this.page - 1) * this.limit;
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/** A page of `item`s as a response class; extend it to name the schema (`class TripsPage extends PageOf(TripResponse) {}`). */
export function PageOf<T>(item: Class<T>) {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty() total: number;
    @ApiProperty() page: number;
    @ApiProperty() limit: number;
  }
  return PageOfItems;
}

export function toPage<T>(items: T[], total: number, query: PaginationQuery): Page<T> {
  return { items, total, page: query.page, limit: query.limit };
}
