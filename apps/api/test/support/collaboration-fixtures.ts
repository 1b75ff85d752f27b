import type { Session } from './factories';
import { createTrip } from './factories';
import { drainOutbox } from './outbox';
import type { TestApp } from './test-app';

/**
 * Real collaboration objects of `admin`'s organization on `tripId`, keyed by the collection that
 * precedes their id in a path (what the generated sweeps substitute): a collaborator, a comment
 * (the admin's own), a to-do, a share link and its public token, and a notification of the admin's
 * (the traveller shares a trip with them).
 */
export async function collaborationFixtures(
  t: TestApp,
  admin: Session,
  traveller: Session,
  tripId: string,
): Promise<Record<string, string>> {
  const as = { token: admin.accessToken };
  const collaborator = await t.api.put(
    `/api/trips/${tripId}/collaborators/${traveller.user.id}`,
    { role: 'viewer' },
    as,
  );
  const comment = await t.api.post(`/api/trips/${tripId}/comments`, { body: 'A comment' }, as);
  const item = await t.api.post(`/api/trips/${tripId}/checklist`, { title: 'A to-do' }, as);
  const link = await t.api.post(`/api/trips/${tripId}/share-links`, {}, as);
  const shared = await createTrip(t.api, traveller, { title: 'Shared with the admin' });
  await t.api.put(
    `/api/trips/${shared.id}/collaborators/${admin.user.id}`,
    { role: 'viewer' },
    { token: traveller.accessToken },
  );
  await drainOutbox(t);
  const notifications = await t.api.get('/api/notifications', as);
  const statuses = [collaborator.status, comment.status, item.status, link.status, notifications.body.items?.length];
  if (statuses.join() !== '200,201,201,201,1') throw new Error(`collaboration fixtures failed: ${statuses.join()}`);
  return {
    collaborators: traveller.user.id,
    comments: comment.body.id,
    'checklist-items': item.body.id,
    'share-links': link.body.id,
    'shared-trips': new URL(link.body.url).pathname.split('/').pop()!,
    notifications: notifications.body.items[0].id,
  };
}
