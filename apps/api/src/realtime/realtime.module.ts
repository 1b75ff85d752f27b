import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { TripsModule } from '../trips/trips.module';
import { UsersModule } from '../users/users.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime.publisher';

/** Live updates over WebSockets (docs/realtime.md). */
@Module({
  imports: [AuthModule, TripsModule, UsersModule],
  providers: [RealtimeGateway, RealtimePublisher],
})
export class RealtimeModule {}
