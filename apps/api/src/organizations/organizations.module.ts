import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { UsersModule } from '../users/users.module';
import { InvitationLinksController } from './invitation-links.controller';
import { InvitationsRepository } from './invitations.repository';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { PreAuthInvitations } from './pre-auth-invitations.repository';

@Module({
  imports: [UsersModule, PolicyModule],
  controllers: [OrganizationsController, InvitationLinksController],
  providers: [OrganizationsService, OrganizationsRepository, InvitationsRepository, PreAuthInvitations],
  // PolicyModule re-exported: registration (auth/) creates each new organization's default policy.
  exports: [OrganizationsRepository, InvitationsRepository, PreAuthInvitations, PolicyModule],
})
export class OrganizationsModule {}
