import type { Schemas } from '@nestmap/api-client';
import type { Policy } from '@/lib/api/organization';
import { RULED_CABINS, splitCodes, type PolicyFormValues, policySchema } from '@/lib/forms/schemas';

type PolicyBody = Schemas['TravelPolicyDto'];

const hoursOf = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
const orNull = (value: string) => (value === '' ? null : value);

/** The stored policy as the form edits it: text inputs, hours instead of minutes. */
export function toForm(policy: Policy): PolicyFormValues {
  const fromHours = (cabin: (typeof RULED_CABINS)[number]) => {
    const rule = policy.cabinRules.find((candidate) => candidate.cabin === cabin);
    return rule ? hoursOf(rule.fromMinutes) : '';
  };
  return {
    allowedCabinClasses: policy.allowedCabinClasses,
    cabinFromHours: {
      premium_economy: fromHours('premium_economy'),
      business: fromHours('business'),
      first: fromHours('first'),
    },
    currency: policy.currency,
    maxFlightFare: policy.maxFlightFare ?? '',
    maxHotelNightlyRate: policy.maxHotelNightlyRate ?? '',
    cityNightlyCaps: policy.cityNightlyCaps.map((cap) => ({ ...cap, countryCode: cap.countryCode ?? '' })),
    minAdvanceBookingDays: String(policy.minAdvanceBookingDays),
    tripBudgetCeiling: policy.tripBudgetCeiling ?? '',
    preferredAirlines: policy.preferredAirlines.join(', '),
    blockedAirlines: policy.blockedAirlines.join(', '),
    maxConnections:
      policy.maxConnections === null ? '' : (String(policy.maxConnections) as PolicyFormValues['maxConnections']),
    maxFlightCo2Kg: policy.maxFlightCo2Kg === null ? '' : String(policy.maxFlightCo2Kg),
    expenseCaps: policy.expenseCaps,
    outOfPolicy: policy.outOfPolicy,
    reasonCodes: policy.reasonCodes,
    autoApproveInPolicy: policy.autoApproveInPolicy,
  };
}

/**
 * The PUT body: the whole policy, with the version the form was loaded from (the API refuses it if
 * someone changed the policy meanwhile). A cabin allowed on every flight needs no duration rule.
 */
export function toBody(values: PolicyFormValues, version: number): PolicyBody {
  const parsed = policySchema.parse(values);
  return {
    version,
    allowedCabinClasses: parsed.allowedCabinClasses,
    cabinRules: RULED_CABINS.filter(
      (cabin) => parsed.cabinFromHours[cabin] !== '' && !parsed.allowedCabinClasses.includes(cabin),
    ).map((cabin) => ({ cabin, fromMinutes: Math.round(Number(parsed.cabinFromHours[cabin]) * 60) })),
    currency: parsed.currency,
    maxFlightFare: orNull(parsed.maxFlightFare),
    maxHotelNightlyRate: orNull(parsed.maxHotelNightlyRate),
    cityNightlyCaps: parsed.cityNightlyCaps.map((cap) => ({ ...cap, countryCode: orNull(cap.countryCode) })),
    minAdvanceBookingDays: Number(parsed.minAdvanceBookingDays),
    tripBudgetCeiling: orNull(parsed.tripBudgetCeiling),
    preferredAirlines: splitCodes(parsed.preferredAirlines),
    blockedAirlines: splitCodes(parsed.blockedAirlines),
    maxConnections: parsed.maxConnections === '' ? null : Number(parsed.maxConnections),
    maxFlightCo2Kg: parsed.maxFlightCo2Kg === '' ? null : Number(parsed.maxFlightCo2Kg),
    expenseCaps: parsed.expenseCaps,
    outOfPolicy: parsed.outOfPolicy,
    reasonCodes: parsed.reasonCodes,
    autoApproveInPolicy: parsed.autoApproveInPolicy,
  };
}
