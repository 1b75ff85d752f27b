import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { TripsController } from './trips.controller';
import { TripsRepository } from './trips.repository';
import { TripsService } from './trips.service';

@Module({
  imports: [UsersModule, AuditModule],
  controllers: [TripsController],
  providers: [TripsService, TripsRepository],
  exports: [TripsRepository],
})
export class TripsModule {}
