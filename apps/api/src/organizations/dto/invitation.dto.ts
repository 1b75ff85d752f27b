import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/validators';
import { USER_ROLES, UserRole } from '../../common/auth/user-role';
import type { Invitation } from '../invitation.entity';
import { PageOf } from '../../common/http/pagination.dto';

export class CreateInvitationDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ enum: USER_ROLES, default: UserRole.Traveller })
  @IsOmittable()
  @IsEnum(UserRole)
  role: UserRole = UserRole.Traveller;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ enum: ['pending', 'accepted', 'revoked', 'expired'] }) status: InvitationStatus;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

/** Returned once, on creation: the link carries the secret token, which is not stored. */
export class CreatedInvitationResponse extends InvitationResponse {
  @ApiProperty() inviteUrl: string;
}

export class InvitationsPage extends PageOf(InvitationResponse) {}

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

export function toInvitationResponse(invitation: Invitation): InvitationResponse {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation),
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}

export class PeekInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

/** What an invitation link is for, shown before anyone types: nothing else about the organization. */
export class InvitationPreviewResponse {
  @ApiProperty() organizationName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({
    enum: ['pending', 'accepted', 'revoked', 'expired'],
    description: 'Only a pending link can be accepted',
  })
  status: InvitationStatus;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
}
