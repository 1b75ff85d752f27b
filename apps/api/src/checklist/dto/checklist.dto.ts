import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { trim } from '../../common/validation/text';
import { DATE_PATTERN, IsOmittable } from '../../common/validation/validators';

const nullable = (_: object, value: unknown) => value !== null;
const DATE_MESSAGE = '$property must be a date YYYY-MM-DD';

export class CreateChecklistItemDto {
  @ApiProperty({ example: 'Book the airport transfer', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Who does it: a colleague who can see the trip',
  })
  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID('all')
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-03-05' })
  @IsOptional()
  @ValidateIf(nullable)
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  dueDate?: string | null;
}

/** Every field may be left out; `null` empties the assignee or the due date. */
export class UpdateChecklistItemDto extends PartialType(CreateChecklistItemDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'Ticked off (the assignee may tick their own to-do even as a viewer)' })
  @IsOmittable()
  @IsBoolean()
  done?: boolean;

  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ChecklistAssigneeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ChecklistItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: ChecklistAssigneeResponse, nullable: true }) assignee: ChecklistAssigneeResponse | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty() done: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ChecklistResponse {
  @ApiProperty({ type: [ChecklistItemResponse] }) items: ChecklistItemResponse[];
}
