import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { OrganizationErrorCode, PolicyErrorCode } from '../common/errors/error-codes';
import { Page, PaginationQuery, toPage } from '../common/http/pagination.dto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainEvents } from '../events/domain-events';
import { hashToken, newOpaqueToken } from '../common/auth/opaque-token';
import { MailService } from '../mail/mail.service';
import { OutboxMessageResponse, toOutboxMessageResponse } from '../mail/outbox-message.dto';
import { OutboxRepository } from '../mail/outbox.repository';
import type { User } from '../users/user.entity';
import { toUserResponse, UserResponse } from '../users/user.dto';
import { UserRole } from '../common/auth/user-role';
import { UserSessions } from '../users/user-sessions.service';
import { UsersRepository } from '../users/users.repository';
import {
  CreatedInvitationResponse,
  CreateInvitationDto,
  InvitationPreviewResponse,
  InvitationResponse,
  invitationStatus,
  toInvitationResponse,
} from './dto/invitation.dto';
import { UpdateMemberDto } from './dto/member.dto';
import { OrganizationResponse, toOrganizationResponse, UpdateOrganizationDto } from './dto/organization.dto';
import { toTravelPolicyResponse, TravelPolicyDto, TravelPolicyResponse } from './dto/travel-policy.dto';
import { InvitationsRepository } from './invitations.repository';
import { PreAuthInvitations } from './pre-auth-invitations.repository';
import { OrganizationsRepository } from './organizations.repository';
import { TravelPoliciesRepository } from '../policy/travel-policies.repository';
import { policyRulesOf } from '../policy/travel-policy.schema';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly sessions: UserSessions,
    private readonly invitations: InvitationsRepository,
    private readonly preAuthInvitations: PreAuthInvitations,
    private readonly policies: TravelPoliciesRepository,
    private readonly outbox: OutboxRepository,
    private readonly mail: MailService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async getCurrent(ctx: AuthContext): Promise<OrganizationResponse> {
    return toOrganizationResponse(await this.organizations.getCurrent(ctx));
  }

  async updateCurrent(ctx: AuthContext, dto: UpdateOrganizationDto): Promise<OrganizationResponse> {
    return toOrganizationResponse(await this.organizations.updateCurrent(ctx, dto));
  }

  async listMembers(ctx: AuthContext, query: PaginationQuery): Promise<Page<UserResponse>> {
    const [users, total] = await this.users.listMembers(ctx, query.offset, query.limit);
    return toPage(users.map(toUserResponse), total, query);
  }

  /**
   * Role change and (de)activation. The organization always keeps one active admin: the admins'
   * rows are locked first, so two admins demoting each other at once cannot both succeed.
   */
  updateMember(ctx: AuthContext, userId: string, dto: UpdateMemberDto): Promise<UserResponse> {
    if (dto.role === undefined && dto.active === undefined) {
      throw new DomainError(OrganizationErrorCode.MemberChangeEmpty, 'Give a role or active');
    }
    return this.db.run(async () => {
      const admins = await this.users.lockActiveAdmins(ctx);
      const member = await this.users.getById(ctx, userId);
      const losesAdmin =
        member.role === UserRole.Admin &&
        member.active &&
        (dto.role !== undefined ? dto.role !== UserRole.Admin : dto.active === false);
      if (losesAdmin && admins.length <= 1) {
        throw new DomainError(OrganizationErrorCode.LastAdmin, 'The organization must keep at least one active admin');
      }
      await this.users.update(ctx, userId, dto);
      if (dto.active === false && member.active) await this.sessions.revokeAll(userId);
      await this.publishMemberChange(ctx, member, dto);
      return toUserResponse(await this.users.getById(ctx, userId));
    });
  }

  /**
   * Creates an invitation (7-day, single use) and e-mails its link in the same transaction.
   * Only the caller's own members are refused: an address with an account in another organization
   * is invited exactly like a new one (acceptance then says it already has an account), so the
   * answer cannot be used to probe which addresses use NestMap.
   */
  invite(ctx: AuthContext, dto: CreateInvitationDto): Promise<CreatedInvitationResponse> {
    return this.db.run(async () => {
      if (await this.users.memberEmailExists(ctx, dto.email)) {
        throw new DomainError(
          OrganizationErrorCode.AlreadyMember,
          'A member of this organization already has this e-mail',
        );
      }
      await this.invitations.revokeOpenFor(ctx, dto.email);
      const token = newOpaqueToken();
      const invitation = await this.invitations.insert(ctx, {
        email: dto.email,
        role: dto.role,
        tokenHash: hashToken(this.config.sessionSecret, token),
        invitedById: ctx.userId,
        expiresAt: new Date(Date.now() + this.config.invitationTtlSeconds * 1000),
      });
      const organization = await this.organizations.getCurrent(ctx);
      const inviteUrl = `${this.config.webUrl.replace(/\/$/, '')}/invite/${token}`;
      await this.mail.enqueue({
        organizationId: ctx.organizationId,
        to: dto.email,
        subject: `You are invited to ${organization.name} on NestMap`,
        text: `You have been invited to join ${organization.name} on NestMap as ${dto.role}.\n\nAccept the invitation: ${inviteUrl}\n\nThe link works once and expires on ${invitation.expiresAt.toUTCString()}.`,
      });
      await this.events.publish(ctx, 'invitation.created', {
        invitationId: invitation.id,
        email: invitation.email,
        role: invitation.role,
      });
      return { ...toInvitationResponse(invitation), inviteUrl };
    });
  }

  async listInvitations(ctx: AuthContext, query: PaginationQuery): Promise<Page<InvitationResponse>> {
    const [invitations, total] = await this.invitations.list(ctx, query.offset, query.limit);
    return toPage(invitations.map(toInvitationResponse), total, query);
  }

  revokeInvitation(ctx: AuthContext, id: string): Promise<void> {
    return this.db.run(async () => {
      const { invitation, revoked } = await this.invitations.revoke(ctx, id);
      if (revoked) {
        await this.events.publish(ctx, 'invitation.revoked', { invitationId: id, email: invitation.email });
      }
    });
  }

  /**
   * What an invitation link is for (organization, e-mail, role) and whether it still works, so the
   * invitation page can say so before anyone types. Public: the 256-bit token is the credential, so
   * a guess cannot find anyone's invitation; an unknown token is a 404.
   */
  async peekInvitation(token: string): Promise<InvitationPreviewResponse> {
    const invitation = await this.preAuthInvitations.findByTokenHashWithOrganization(
      hashToken(this.config.sessionSecret, token),
    );
    if (!invitation?.organization) throw new NotFoundError('Invitation');
    return {
      organizationName: invitation.organization.name,
      email: invitation.email,
      role: invitation.role,
      status: invitationStatus(invitation),
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  private async publishMemberChange(ctx: AuthContext, member: User, dto: UpdateMemberDto): Promise<void> {
    const who = { userId: member.id, name: member.name };
    if (dto.role !== undefined && dto.role !== member.role) {
      await this.events.publish(ctx, 'member.role_changed', { ...who, from: member.role, to: dto.role });
    }
    if (dto.active !== undefined && dto.active !== member.active) {
      await this.events.publish(ctx, dto.active ? 'member.reactivated' : 'member.deactivated', who);
    }
  }

  async getPolicy(ctx: AuthContext): Promise<TravelPolicyResponse> {
    return toTravelPolicyResponse(await this.policies.get(ctx));
  }

  /** Replaces the rules (validated by the DTO through the policy parser) and raises the version. */
  async replacePolicy(ctx: AuthContext, dto: TravelPolicyDto): Promise<TravelPolicyResponse> {
    const { version: _version, ...values } = policyRulesOf({ ...dto, version: 1 });
    return this.db.run(async () => {
      const before = toTravelPolicyResponse(await this.policies.get(ctx));
      if (!(await this.policies.replace(ctx, values, dto.version))) {
        throw new DomainError(
          PolicyErrorCode.VersionStale,
          `The policy was changed by someone else (you edited version ${dto.version}, it is now version ${before.version}); reload and try again`,
        );
      }
      const after = toTravelPolicyResponse(await this.policies.get(ctx));
      await this.events.publish(ctx, 'policy.updated', {
        version: after.version,
        changed: changedRules(before, after),
      });
      return after;
    });
  }

  async listOutbox(ctx: AuthContext, query: PaginationQuery): Promise<Page<OutboxMessageResponse>> {
    const [messages, total] = await this.outbox.list(ctx, query.offset, query.limit);
    return toPage(messages.map(toOutboxMessageResponse), total, query);
  }
}

/** The rules an update changed, by name (the version always changes and is not one). */
function changedRules(before: TravelPolicyResponse, after: TravelPolicyResponse): string[] {
  return (Object.keys(after) as (keyof TravelPolicyResponse)[]).filter(
    (rule) =>
      rule !== 'version' && rule !== 'updatedAt' && JSON.stringify(before[rule]) !== JSON.stringify(after[rule]),
  );
}
