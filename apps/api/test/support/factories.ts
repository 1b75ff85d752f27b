import { randomBytes } from 'node:crypto';
import type { ApiClient } from './api-client';

export const STRONG_PASSWORD = 'violet tractor umbrella 42';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; name: string; role: string; organizationId: string };
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.com`;
}

/** Registers a new organization; its first user is the admin. */
export async function registerOrganization(
  api: ApiClient,
  overrides: Partial<Record<string, string>> = {},
): Promise<Session> {
  const response = await api.post('/api/auth/register', {
    email: uniqueEmail('admin'),
    password: STRONG_PASSWORD,
    name: 'Ada Admin',
    organizationName: `Org ${randomBytes(3).toString('hex')}`,
    ...overrides,
  });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${response.text}`);
  return response.body;
}

/** Invites someone into the admin's organization with `role` and accepts the invitation. */
export async function addMember(
  api: ApiClient,
  admin: Session,
  role: 'admin' | 'manager' | 'traveller',
  name = 'Tom Traveller',
): Promise<Session> {
  const invitation = await api.post(
    '/api/organizations/current/invitations',
    { email: uniqueEmail(role), role },
    { token: admin.accessToken },
  );
  if (invitation.status !== 201) throw new Error(`invite failed: ${invitation.status} ${invitation.text}`);
  const token = new URL(invitation.body.inviteUrl).pathname.split('/').pop();
  const accepted = await api.post('/api/auth/accept-invitation', { token, name, password: STRONG_PASSWORD });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
  return accepted.body;
}

export const TRIP = {
  title: 'Sales kick-off',
  destination: 'Berlin',
  destinationCountry: 'Germany',
  startDate: '2026-03-09',
  endDate: '2026-03-12',
  purpose: 'Kick-off with the DACH team',
  budget: { amount: '2500.00', currency: 'EUR' },
  latitude: 52.52,
  longitude: 13.405,
};

/** Creates a trip as `session` (201 expected) and returns it. */
export async function createTrip(
  api: ApiClient,
  session: Session,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const response = await api.post('/api/trips', { ...TRIP, ...overrides }, { token: session.accessToken });
  if (response.status !== 201) throw new Error(`create trip failed: ${response.status} ${response.text}`);
  return response.body;
}
