import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { trim } from '../../common/validation/text';
import { IsOmittable } from '../../common/validation/validators';

export class CreateCommentDto {
  @ApiProperty({ example: 'Can we move the workshop to the afternoon?', maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  body: string;

  @ApiPropertyOptional({ format: 'uuid', description: "One of the trip's activities; left out: on the trip itself" })
  @IsOmittable()
  @IsUUID('all')
  activityId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    description: 'Colleagues mentioned, by user id (each must be able to see the trip); each is notified once',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mentionedUserIds?: string[];
}

/** The new text and, when given, the new mentions (left out: unchanged); the activity stays. */
export class UpdateCommentDto extends OmitType(CreateCommentDto, ['activityId']) {
  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CommentQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only this activity's thread; left out: every comment of the trip",
  })
  @IsOmittable()
  @IsUUID('all')
  activityId?: string;
}

export class CommentAuthorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export const COMMENT_ACTIONS = ['edit', 'delete'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

export class CommentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) activityId: string | null;
  @ApiProperty({ type: CommentAuthorResponse }) author: CommentAuthorResponse;
  @ApiProperty() body: string;
  @ApiProperty({ type: [String], format: 'uuid' }) mentionedUserIds: string[];
  @ApiProperty({ enum: COMMENT_ACTIONS, isArray: true, description: 'What the caller may do with the comment' })
  allowedActions: CommentAction[];
  @ApiProperty() version: number;
  @ApiProperty({ description: 'Whether it was edited after it was posted' }) edited: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CommentListResponse {
  @ApiProperty({ type: [CommentResponse] }) items: CommentResponse[];
}
