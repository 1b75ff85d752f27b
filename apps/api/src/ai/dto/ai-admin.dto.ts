import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsOmittable } from '../../common/validation/validators';
import { AI_FEATURES, type AiFeature } from '../ai-usage.entity';

export class AiBudgetResponse {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Input + output tokens per calendar month (UTC); null: no budget',
  })
  monthlyTokens: number | null;
  @ApiProperty({ description: 'Tokens used this month' }) usedTokens: number;
  @ApiProperty() exceeded: boolean;
}

export class AiFeaturesResponse {
  @ApiProperty() suggestions: boolean;
  @ApiProperty() tripPlans: boolean;
  @ApiProperty() briefings: boolean;
  @ApiProperty() verdictExplanations: boolean;
  @ApiProperty({ description: 'Needs no model: always available' }) dayOptimisation: boolean;
}

export class AssistantStatusResponse {
  @ApiProperty({ description: 'A model is configured (OPENAI_API_KEY or OPENAI_BASE_URL)' }) configured: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'gpt-4o-mini' }) model: string | null;
  @ApiProperty({ type: AiFeaturesResponse }) features: AiFeaturesResponse;
  @ApiProperty({ type: AiBudgetResponse }) budget: AiBudgetResponse;
}

export class AiUsageQuery {
  @ApiPropertyOptional({ example: '2026-03', description: 'Calendar month (UTC); the current one by default' })
  @IsOmittable()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

export class AiUsageTotalsResponse {
  @ApiProperty() calls: number;
  @ApiProperty() inputTokens: number;
  @ApiProperty() outputTokens: number;
  @ApiProperty({ description: 'Calls that did not end with a usable answer' }) failures: number;
}

export class AiUserUsageResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty() calls: number;
  @ApiProperty() inputTokens: number;
  @ApiProperty() outputTokens: number;
}

export class AiFeatureUsageResponse {
  @ApiProperty({ enum: AI_FEATURES }) feature: AiFeature;
  @ApiProperty() calls: number;
  @ApiProperty() inputTokens: number;
  @ApiProperty() outputTokens: number;
}

export class AiUsageResponse {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ type: AiBudgetResponse, description: "This month's budget (whichever month is reported)" })
  budget: AiBudgetResponse;
  @ApiProperty({ type: AiUsageTotalsResponse }) totals: AiUsageTotalsResponse;
  @ApiProperty({ type: [AiUserUsageResponse] }) byUser: AiUserUsageResponse[];
  @ApiProperty({ type: [AiFeatureUsageResponse] }) byFeature: AiFeatureUsageResponse[];
}

/** Up to a thousand billion tokens a month; more is a typo. */
const MAX_MONTHLY_TOKENS = 1_000_000_000_000;

export class AiSettingsDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2_000_000,
    description: 'Input + output tokens per calendar month (UTC) for the whole organization; null: no budget',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_MONTHLY_TOKENS)
  monthlyTokenBudget: number | null;

  @ApiPropertyOptional({
    example: 60,
    minimum: 1,
    maximum: 10_000,
    description: 'Model requests per minute for the organization',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10_000)
  requestsPerMinute?: number;
}

export class AiSettingsResponse {
  @ApiProperty({ type: Number, nullable: true }) monthlyTokenBudget: number | null;
  @ApiProperty() requestsPerMinute: number;
}
