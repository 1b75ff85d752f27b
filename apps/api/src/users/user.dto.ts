import { ApiProperty } from '@nestjs/swagger';
import type { User } from './user.entity';
import { USER_ROLES, UserRole } from '../common/auth/user-role';

/** The public shape of a user (spec/API.md): never a hash, never a token. */
export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organizationId,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
  };
}
