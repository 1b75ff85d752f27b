import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../../common/validation/validators';

export class PutTripNotesDto {
  @ApiProperty({ example: 'Dress code: business casual. Visitor badges at reception.', maxLength: 20000 })
  @IsString()
  @MaxLength(20000)
  body: string;

  @ApiPropertyOptional({ description: 'The version you read (0 when there were no notes yet); a stale one is a 409' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  version?: number;
}

export class NotesEditorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class TripNotesResponse {
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ description: 'Plain text; empty when nobody wrote notes yet' }) body: string;
  @ApiProperty({ description: '0 until the first save' }) version: number;
  @ApiProperty({ type: NotesEditorResponse, nullable: true }) updatedBy: NotesEditorResponse | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}
