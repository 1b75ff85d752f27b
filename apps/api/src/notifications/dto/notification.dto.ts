import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { PageOf, PaginationQuery } from '../../common/http/pagination.dto';
import { IsOmittable } from '../../common/validation/validators';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notification.entity';

export class NotificationQuery extends PaginationQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Only the unread ones' })
  @IsOmittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, description: 'Where it leads in the web app, e.g. /trips/<id>' })
  link: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) tripId: string | null;
  @ApiProperty() read: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NotificationsPage extends PageOf(NotificationResponse) {
  @ApiProperty({ description: 'How many of all your notifications are unread' }) unread: number;
}

export class UnreadCountResponse {
  @ApiProperty() unread: number;
}
