import { ApiProperty } from '@nestjs/swagger';
import { POLICY_RULES, PolicyReason, PolicyRule, Verdict, VERDICTS } from '../policy-verdict';

export class PolicyReasonResponse implements PolicyReason {
  @ApiProperty({ enum: POLICY_RULES, description: 'Stable rule name to switch on' }) rule: PolicyRule;
  @ApiProperty({ description: 'For people' }) message: string;
  @ApiProperty({ anyOf: [{ type: 'string', nullable: true }, { type: 'number' }], description: 'In `unit`' }) limit:
    string | number | null;
  @ApiProperty({ anyOf: [{ type: 'string', nullable: true }, { type: 'number' }], description: 'In `unit`' }) actual:
    string | number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The policy's currency code for money, minutes, days, kg, connections; null for names",
  })
  unit: string | null;
  @ApiProperty({ description: 'False when neither an approver nor a reason code can allow it' }) overridable: boolean;
}

/** A stored verdict: what the policy said at the time, against which version. */
export class PolicyVerdictResponse {
  @ApiProperty({ enum: VERDICTS }) verdict: Verdict;
  @ApiProperty({ description: 'The policy version it was judged against' }) policyVersion: number;
  @ApiProperty({ type: [PolicyReasonResponse], description: 'Every rule broken (empty when in policy)' })
  reasons: PolicyReasonResponse[];
  @ApiProperty({ type: String, nullable: true, description: "The traveller's reason code that made it acceptable" })
  reasonCode: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) checkedAt: string;
}
