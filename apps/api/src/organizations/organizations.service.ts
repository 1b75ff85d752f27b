import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Page, PaginationQuery, toPage } from '../common/http/pagination.dto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { hashToken, newOpaqueToken } from '../common/auth/opaque-token';
import { MailService } from '../mail/mail.service';
import { OutboxMessageResponse, toOutboxMessageResponse } from '../mail/outbox-message.dto';
import { OutboxRepository } from '../mail/outbox.repository';
import { toUserResponse, UserResponse } from '../users/user.dto';
import { UserRole } from '../users/user-role';
import { UserSessions } from '../users/user-sessions.service';
import { UsersRepository } from '../users/users.repository';
import { CreatedInvitationResponse, CreateInvitationDto, InvitationResponse, toInvitationResponse } from './dto/invitation.dto';
import { UpdateMemberDto } from './dto/member.dto';
import { OrganizationResponse, toOrganizationResponse, UpdateOrganizationDto } from './dto/organization.dto';
import { toTravelPolicyResponse, TravelPolicyDto, TravelPolicyResponse } from './dto/travel-policy.dto';
import { InvitationsRepository } from './invitations.repository';
import { OrganizationsRepository } from './organizations.repository';
import { TravelPoliciesRepository } from './travel-policies.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly sessions: UserSessions,
    private readonly invitations: InvitationsRepository,
    private readonly policies: TravelPoliciesRepository,
    private readonly outbox: OutboxRepository,
    private readonly mail: MailService,
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
      throw new DomainError(ErrorCode.InvalidInput, 'Give a role or active');
    }
    return this.db.run(async () => {
      const admins = await this.users.lockActiveAdmins(ctx);
      const member = await this.users.getById(ctx, userId);
      const losesAdmin = member.role === UserRole.Admin && member.active && (dto.role !== undefined ? dto.role !== UserRole.Admin : dto.active === false);
      if (losesAdmin && admins.length <= 1) {
        throw new DomainError(ErrorCode.Conflict, 'The organization must keep at least one active admin');
      }
      await this.users.update(ctx, userId, dto);
      if (dto.active === false && member.active) await this.sessions.revokeAll(userId);
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
        throw new DomainError(ErrorCode.Conflict, 'A member of this organization already has this e-mail');
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
      return { ...toInvitationResponse(invitation), inviteUrl };
    });
  }

  async listInvitations(ctx: AuthContext, query: PaginationQuery): Promise<Page<InvitationResponse>> {
    const [invitations, total] = await this.invitations.list(ctx, query.offset, query.limit);
    return toPage(invitations.map(toInvitationResponse), total, query);
  }

  async revokeInvitation(ctx: AuthContext, id: string): Promise<void> {
    await this.invitations.revoke(ctx, id);
  }

  async getPolicy(ctx: AuthContext): Promise<TravelPolicyResponse> {
    return toTravelPolicyResponse(await this.policies.get(ctx));
  }

  async replacePolicy(ctx: AuthContext, dto: TravelPolicyDto): Promise<TravelPolicyResponse> {
    return toTravelPolicyResponse(await this.policies.replace(ctx, { ...dto }));
  }

  async listOutbox(ctx: AuthContext, query: PaginationQuery): Promise<Page<OutboxMessageResponse>> {
    const [messages, total] = await this.outbox.list(ctx, query.offset, query.limit);
    return toPage(messages.map(toOutboxMessageResponse), total, query);
  }
}
