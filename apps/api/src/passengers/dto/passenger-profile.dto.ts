import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { trim } from '../../common/validation/text';
import { DATE_PATTERN } from '../../common/validation/validators';
import { GENDERS, type Gender, TITLES, type Title } from '../passenger-profile.entity';

/** Letters (any script) with the spaces, hyphens, apostrophes and dots passports print. */
const PASSPORT_NAME = /^\p{L}[\p{L}\p{M}' .-]*$/u;
/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;
/** An airline designator as IATA assigns them: two letters or digits, not two digits. */
export const IATA_AIRLINE = /^(?![0-9]{2})[A-Z0-9]{2}$/;
const EARLIEST_BIRTH_DATE = '1900-01-01';

const upperCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** A date of birth: a real calendar date, not in the future, not before 1900. */
function IsBirthDate(): PropertyDecorator {
  const message = `$property must be a date YYYY-MM-DD between ${EARLIEST_BIRTH_DATE} and today`;
  return (target, key) => {
    Matches(DATE_PATTERN, { message })(target, key);
    IsISO8601({ strict: true }, { message })(target, key);
    ValidateBy(
      {
        name: 'isBirthDate',
        validator: {
          validate: (value) =>
            typeof value === 'string' && value >= EARLIEST_BIRTH_DATE && value <= new Date().toISOString().slice(0, 10),
          defaultMessage: () => message,
        },
      },
      { message },
    )(target, key);
  };
}

function PassportName(example: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({
      example,
      maxLength: 60,
      description: 'As printed in the passport (letters, spaces, hyphens, apostrophes)',
    })(target, key);
    Transform(trim)(target, key);
    IsString()(target, key);
    IsNotEmpty()(target, key);
    MaxLength(60)(target, key);
    Matches(PASSPORT_NAME, { message: '$property may hold only letters, spaces, hyphens, apostrophes and dots' })(
      target,
      key,
    );
  };
}

export class LoyaltyProgrammeDto {
  @ApiProperty({ example: 'BA', description: "The airline's two-character IATA designator" })
  @Transform(upperCase)
  @IsString()
  @Matches(IATA_AIRLINE, { message: '$property must be an airline IATA designator (two letters or digits, e.g. BA)' })
  airlineIataCode: string;

  @ApiProperty({ example: '12345678', maxLength: 30 })
  @Transform(upperCase)
  @IsString()
  @Matches(/^[A-Z0-9]{1,30}$/, { message: '$property must be 1 to 30 letters or digits' })
  accountNumber: string;
}

/**
 * A person's passenger details, as in their passport; PUT replaces the whole profile (a field left
 * out is cleared, so send what you read).
 */
export class PassengerProfileDto {
  @PassportName('Ada')
  givenName: string;

  @PassportName('Lovelace')
  familyName: string;

  @ApiProperty({ example: '1985-04-12', format: 'date', description: 'Stored encrypted' })
  @IsBirthDate()
  bornOn: string;

  @ApiProperty({ enum: GENDERS, example: 'f', description: "As in the passport (airlines' systems take m or f)" })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ enum: TITLES, example: 'ms' })
  @IsIn(TITLES)
  title: Title;

  @ApiProperty({ example: 'ada@example.com', maxLength: 254, description: 'Where the airline sends travel notices' })
  @Transform(lowerCase)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: '+442071234567', description: 'E.164: + and country code, no spaces' })
  @IsString()
  @Matches(E164, { message: '$property must be an E.164 phone number (e.g. +442071234567)' })
  phoneNumber: string;

  @ApiPropertyOptional({ type: [LoyaltyProgrammeDto], maxItems: 10, description: 'One account per airline' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => LoyaltyProgrammeDto)
  @ArrayUnique((account: LoyaltyProgrammeDto) => account?.airlineIataCode, {
    message: '$property may hold one account per airline',
  })
  loyaltyProgrammes?: LoyaltyProgrammeDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'X1234567',
    description: 'Travel document (passport) number, stored encrypted; null or left out: none',
  })
  @IsOptional()
  @Transform(upperCase)
  @IsString()
  @Matches(/^[A-Z0-9]{3,20}$/, { message: '$property must be 3 to 20 letters or digits' })
  documentNumber?: string | null;
}

export class LoyaltyProgrammeResponse {
  @ApiProperty() airlineIataCode: string;
  @ApiProperty() accountNumber: string;
}

/** Shown only to the person and to their organization's admins (docs/access.md). */
export class PassengerProfileResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ format: 'date' }) bornOn: string;
  @ApiProperty({ enum: GENDERS }) gender: Gender;
  @ApiProperty({ enum: TITLES }) title: Title;
  @ApiProperty() email: string;
  @ApiProperty() phoneNumber: string;
  @ApiProperty({ type: [LoyaltyProgrammeResponse] }) loyaltyProgrammes: LoyaltyProgrammeResponse[];
  @ApiProperty({ type: String, nullable: true }) documentNumber: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}
