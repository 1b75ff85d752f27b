import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { StatementsController } from './statements.controller';
import { StatementsRepository } from './statements.repository';
import { StatementsService } from './statements.service';

@Module({
  imports: [OrganizationsModule],
  controllers: [StatementsController],
  providers: [StatementsRepository, StatementsService],
})
export class StatementsModule {}
