import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';
import { IsAcceptablePassword } from '../password.validator';
import { lowerCaseEmail } from './auth.dto';

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(lowerCaseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the reset link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    example: 'correct horse battery staple',
  })
  @IsAcceptablePassword()
  password: string;
}

export class PasswordResetRequestedResponse {
  @ApiProperty({
    example: 'If an account uses this address, a reset link is on its way. It works once, for 30 minutes.',
  })
  message: string;
}
