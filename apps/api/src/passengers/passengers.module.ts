import { Module } from '@nestjs/common';
import { dataEncryptionProvider } from '../common/crypto/data-encryption';
import { UsersModule } from '../users/users.module';
import { PassengerProfilesController } from './passenger-profiles.controller';
import { PassengerProfilesRepository } from './passenger-profiles.repository';
import { PassengerProfilesService } from './passenger-profiles.service';

/** Passenger profiles (issue 10): the booking flow reads them through `PassengerProfilesService.passengersFor`. */
@Module({
  imports: [UsersModule],
  controllers: [PassengerProfilesController],
  providers: [PassengerProfilesService, PassengerProfilesRepository, dataEncryptionProvider],
  exports: [PassengerProfilesService],
})
export class PassengersModule {}
