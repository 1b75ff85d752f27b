import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../activities/activity.entity';

/**
 * One activity as the model proposes it (the response format's schema). Every property is required
 * and nullable where it may be absent, as strict structured outputs ask. An item that does not fit
 * becomes null instead of failing the whole answer, and is reported as dropped; everything that fits
 * is still only a proposal until our own rules have checked it (proposal-review.ts).
 */
export const ModelProposal = z.object({
  title: z.string().describe('Short plain-text title, no markup'),
  type: z.enum(ACTIVITY_TYPES),
  date: z.string().describe('Local date YYYY-MM-DD, within the trip'),
  startTime: z.string().nullable().describe('Local start HH:mm (24 h), or null when the time is open'),
  endTime: z.string().nullable().describe('Local end HH:mm (24 h), or null'),
  placeName: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  notes: z.string().nullable(),
  estimatedCost: z
    .object({
      amount: z.string().describe('Decimal string like "45.00"'),
      currency: z.string().describe('ISO 4217 code'),
    })
    .nullable(),
});
export type ModelProposal = z.infer<typeof ModelProposal>;

export const ModelProposals = z.object({ proposals: z.array(ModelProposal.nullable().catch(null)) });

export const PROPOSALS_SCHEMA_NAME = 'activity_proposals';
