import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { SUPPLIER_NAMES, type SupplierName } from '../../flights/supplier/flight-supplier';
import { COST_CENTRE_PATTERN, trim } from '../../common/validation/text';
import { DATE_PATTERN } from '../../common/validation/validators';

/** `costCentre=none`: trips without a cost centre. */
export const NO_COST_CENTRE = 'none';

/** The report's period and filters (docs/reports.md). Days are UTC; `to` is included. */
export class SpendReportQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'First day (UTC); default: the first day of the month 11 months ago',
  })
  @IsOptional()
  @Matches(DATE_PATTERN)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day, included (UTC); default: today. At most 3 years after `from`',
  })
  @IsOptional()
  @Matches(DATE_PATTERN)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: `Only trips of this cost centre; \`${NO_COST_CENTRE}\` for trips without one` })
  @IsOptional()
  @Transform(trim)
  @Matches(COST_CENTRE_PATTERN)
  costCentre?: string;

  @ApiPropertyOptional({ enum: SUPPLIER_NAMES })
  @IsOptional()
  @IsIn(SUPPLIER_NAMES)
  supplier?: SupplierName;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only bookings this person travels on' })
  @IsOptional()
  @IsUUID('4')
  travellerId?: string;
}

/** Spend is net: bookings confirmed in the row minus refunds of cancellations in it. Amounts are decimal strings in the report's currency. */
class SpendFigures {
  @ApiProperty({ example: '1250.40' }) spend: string;
  @ApiProperty({ example: '120.00', description: 'Refunds included in `spend` (subtracted)' }) refunds: string;
  @ApiProperty({ description: 'Bookings confirmed' }) bookings: number;
  @ApiProperty({ description: 'kg CO2e of the flights booked, less those cancelled' }) emissionsKg: number;
}

export class SpendByMonth extends SpendFigures {
  @ApiProperty({ example: '2027-03' }) month: string;
}

export class SpendByTraveller extends SpendFigures {
  @ApiProperty({ format: 'uuid' }) travellerId: string;
  @ApiProperty() name: string;
}

export class SpendByDestination extends SpendFigures {
  @ApiProperty({ description: "The trip's destination" }) destination: string;
}

export class SpendBySupplier extends SpendFigures {
  @ApiProperty() supplier: string;
}

export class SpendByCostCentre extends SpendFigures {
  @ApiProperty({ type: String, nullable: true, description: 'null: trips without a cost centre' }) costCentre:
    string | null;
}

export class ReasonCodeUse {
  @ApiProperty() code: string;
  @ApiProperty() bookings: number;
  @ApiProperty() spend: string;
}

export class PolicyShare {
  @ApiProperty({ description: 'Bookings in policy without needing a reason' }) inPolicy: number;
  @ApiProperty() inPolicySpend: string;
  @ApiProperty({ description: 'Bookings that broke a rule: allowed with a reason code, or approved' })
  outOfPolicy: number;
  @ApiProperty() outOfPolicySpend: string;
  @ApiProperty({ type: [ReasonCodeUse] }) reasonCodes: ReasonCodeUse[];
}

export class SavingsFigures {
  @ApiProperty({ description: 'Bookings for which a cheapest in-policy alternative was recorded' }) bookings: number;
  @ApiProperty({ description: 'What those bookings cost' }) paid: string;
  @ApiProperty({ description: 'What the cheapest in-policy alternatives would have cost' }) cheapestInPolicy: string;
  @ApiProperty({ description: 'Paid above the cheapest in-policy alternative (only bookings dearer than it)' })
  missedSavings: string;
}

export class SpendReportResponse {
  @ApiProperty({ example: 'EUR', description: "The organization's reporting currency (its travel policy's)" })
  currency: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: SpendFigures }) totals: SpendFigures;
  @ApiProperty({ type: [SpendByMonth], description: 'Every month of the period, empty ones included' })
  byMonth: SpendByMonth[];
  @ApiProperty({ type: [SpendByTraveller], description: "A booking's spend and CO2 shared equally by its passengers" })
  byTraveller: SpendByTraveller[];
  @ApiProperty({ type: [SpendByDestination] }) byDestination: SpendByDestination[];
  @ApiProperty({ type: [SpendBySupplier] }) bySupplier: SpendBySupplier[];
  @ApiProperty({ type: [SpendByCostCentre] }) byCostCentre: SpendByCostCentre[];
  @ApiProperty({ type: PolicyShare }) policy: PolicyShare;
  @ApiProperty({ type: SavingsFigures }) savings: SavingsFigures;
  @ApiProperty({
    description:
      'Bookings in the period left out: recorded without a rate into the current reporting currency (made before rates were recorded, or before the policy currency changed)',
  })
  unconverted: number;
}
