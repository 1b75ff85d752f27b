import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { NotificationRecorder } from './notification-recorder';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [UsersModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository, NotificationRecorder],
})
export class NotificationsModule {}
