import type { Schemas } from '@nestmap/api-client';
import { apiAs, must, registerOrganization } from './harness';

/**
 * An organization whose admin books for themselves: its travel policy (what the rest of the rules
 * default to is set here) and the admin's passenger profile, which every booking reads.
 */
export async function bookerWithPolicy(name: string, rules: Partial<Schemas['TravelPolicyDto']>) {
  const admin = await registerOrganization(name);
  const api = apiAs(admin.token);
  await must(
    api.PUT('/api/organizations/current/policy', {
      body: {
        currency: 'EUR',
        allowedCabinClasses: ['economy'],
        maxFlightFare: null,
        maxHotelNightlyRate: null,
        minAdvanceBookingDays: 0,
        tripBudgetCeiling: null,
        ...rules,
      },
    }),
  );
  await must(
    api.PUT('/api/users/me/passenger-profile', {
      body: {
        givenName: name,
        familyName: 'Haddad',
        bornOn: '1988-06-14',
        gender: 'f',
        title: 'ms',
        email: admin.email,
        phoneNumber: '+442071234567',
      },
    }),
  );
  return { admin, api };
}
