import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { trim } from '../../common/validation/text';
import { UserResponse } from '../../users/user.dto';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';
import { IsAcceptablePassword } from '../password.validator';

export const lowerCaseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** Password rules: 12–128 characters, not a common password; no composition rules. */
const PASSWORD_DOC = {
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  example: 'correct horse battery staple',
};

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(lowerCaseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty(PASSWORD_DOC)
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Analytical Engines Ltd' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  organizationName: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(lowerCaseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  /** Not checked against the policy here: only the stored hash decides. */
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({ example: 'Grace Hopper' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty(PASSWORD_DOC)
  @IsAcceptablePassword()
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty(PASSWORD_DOC)
  @IsAcceptablePassword()
  newPassword: string;
}

export class AuthResponse {
  @ApiProperty({ description: 'JWT (HS256), valid about 15 minutes' }) accessToken: string;
  @ApiProperty({ description: 'Opaque, single use: each refresh returns a new one' }) refreshToken: string;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}
