import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { COST_CENTRE_PATTERN, trim } from '../../common/validation/text';
import type { CostCentreBudget } from '../cost-centre-budget.entity';

export class CostCentreBudgetQuery {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class SetCostCentreBudgetDto {
  @ApiProperty({ example: 'ENG', maxLength: 60 })
  @Transform(trim)
  @Matches(COST_CENTRE_PATTERN)
  costCentre: string;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: '50000.00', description: "In the organization's reporting currency (its travel policy's)" })
  @Matches(/^\d{1,10}(\.\d{1,2})?$/, { message: 'amount must be a positive decimal with at most 2 decimals' })
  amount: string;
}

export class CostCentreBudgetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() costCentre: string;
  @ApiProperty() year: number;
  @ApiProperty({ example: '50000.00' }) amount: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({
    example: '41250.00',
    description: 'Net spend of the cost centre in the year so far (as the spend report counts it)',
  })
  spent: string;
}

export class CostCentreBudgetsResponse {
  @ApiProperty({ type: [CostCentreBudgetResponse] }) items: CostCentreBudgetResponse[];
}

export function toCostCentreBudgetResponse(budget: CostCentreBudget, spent: string): CostCentreBudgetResponse {
  return {
    id: budget.id,
    costCentre: budget.costCentre,
    year: budget.year,
    amount: budget.amount,
    currency: budget.currency,
    spent,
  };
}
