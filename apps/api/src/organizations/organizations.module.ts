import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { InvitationLinksController } from './invitation-links.controller';
import { InvitationsRepository } from './invitations.repository';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { PreAuthInvitations } from './pre-auth-invitations.repository';
import { TravelPoliciesRepository } from './travel-policies.repository';

@Module({
  imports: [UsersModule],
  controllers: [OrganizationsController, InvitationLinksController],
  providers: [OrganizationsService, OrganizationsRepository, InvitationsRepository, PreAuthInvitations, TravelPoliciesRepository],
  exports: [OrganizationsRepository, InvitationsRepository, PreAuthInvitations, TravelPoliciesRepository],
})
export class OrganizationsModule {}
