import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum } from 'class-validator';
import { IsOmittable } from '../../common/validation/validators';
import { UserResponse } from '../../users/user.dto';
import { USER_ROLES, UserRole } from '../../common/auth/user-role';
import { PageOf } from '../../common/http/pagination.dto';

/** Change a member's role, or deactivate (`active: false`) / reactivate them. */
export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOmittable()
  @IsEnum(UserRole)
  role?: UserRole;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class MembersPage extends PageOf(UserResponse) {}
