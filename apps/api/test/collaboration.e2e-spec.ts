import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { drainOutbox } from './support/outbox';
import { startTestApp, TestApp } from './support/test-app';

/** docs/collaboration.md: collaborators in the access table, comments, checklist, notes, notifications. */
describe('Collaboration', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let owner: Session;
  let viewer: Session;
  let editor: Session;
  let outsider: Session;
  let stranger: Session;
  let trip: { id: string; title: string };

  const as = (session: Session) => ({ token: session.accessToken });
  const MEETING = {
    title: 'Workshop',
    type: 'meeting',
    startsAt: '2026-03-10T10:00:00+01:00',
    cost: { amount: '120.00', currency: 'EUR' },
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mona Manager');
    owner = await addMember(t.api, admin, 'traveller', 'Olga Owner');
    viewer = await addMember(t.api, admin, 'traveller', 'Vic Viewer');
    editor = await addMember(t.api, admin, 'traveller', 'Eda Editor');
    outsider = await addMember(t.api, admin, 'traveller', 'Otto Outsider');
    stranger = await registerOrganization(t.api);
    trip = await createTrip(t.api, owner);
  });
  afterAll(() => t.close());

  describe('collaborators', () => {
    it('lets the traveller share the trip; the colleague then sees it in their list and by id', async () => {
      expect((await t.api.get(`/api/trips/${trip.id}`, as(viewer))).status).toBe(404);
      const put = await t.api.put(
        `/api/trips/${trip.id}/collaborators/${viewer.user.id}`,
        { role: 'viewer' },
        as(owner),
      );
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ userId: viewer.user.id, name: 'Vic Viewer', role: 'viewer' });
      expect(
        (await t.api.put(`/api/trips/${trip.id}/collaborators/${editor.user.id}`, { role: 'editor' }, as(owner)))
          .status,
      ).toBe(200);

      const read = await t.api.get(`/api/trips/${trip.id}`, as(viewer));
      expect(read.status).toBe(200);
      expect(read.body.allowedActions).toEqual(['view', 'comment']);
      const list = await t.api.get('/api/trips', as(viewer));
      expect(list.body.items.map((item: { id: string }) => item.id)).toContain(trip.id);
      expect((await t.api.get('/api/trips', as(outsider))).body.items).toEqual([]);
      // "My trips": the ones I travel on, and with sharedWithMe the ones shared with me.
      const mine = `/api/trips?travellerId=${viewer.user.id}`;
      expect((await t.api.get(mine, as(viewer))).body.items).toEqual([]);
      const withShared = await t.api.get(`${mine}&sharedWithMe=true`, as(viewer));
      expect(withShared.body.items.map((item: { id: string }) => item.id)).toEqual([trip.id]);

      const collaborators = await t.api.get(`/api/trips/${trip.id}/collaborators`, as(viewer));
      expect(collaborators.body.items.map((item: { role: string }) => item.role)).toEqual(['viewer', 'editor']);
    });

    it('gives an editor the itinerary (with a version) but never submit, share, book or decide', async () => {
      const read = await t.api.get(`/api/trips/${trip.id}`, as(editor));
      expect(read.body.allowedActions).toEqual(['view', 'edit_itinerary', 'comment']);
      const created = await t.api.post(`/api/trips/${trip.id}/activities`, MEETING, as(editor));
      expect(created.status).toBe(201);
      const edited = await t.api.patch(
        `/api/activities/${created.body.id}`,
        { title: 'Workshop (room 2)', version: 1 },
        as(editor),
      );
      expect(edited.status).toBe(200);
      const stale = await t.api.patch(`/api/activities/${created.body.id}`, { title: 'Old', version: 1 }, as(editor));
      expect(stale.status).toBe(409);

      expect((await t.api.patch(`/api/trips/${trip.id}`, { title: 'Mine now' }, as(editor))).status).toBe(403);
      expect((await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(editor))).status).toBe(403);
      expect((await t.api.post(`/api/trips/${trip.id}/flight-searches`, {}, as(editor))).status).not.toBe(201);
      expect(
        (await t.api.put(`/api/trips/${trip.id}/collaborators/${outsider.user.id}`, { role: 'viewer' }, as(editor)))
          .status,
      ).toBe(403);
      expect((await t.api.post(`/api/trips/${trip.id}/share-links`, {}, as(editor))).status).toBe(403);
    });

    it('refuses a viewer every itinerary write (403) and lets neither collaborator approve', async () => {
      expect((await t.api.post(`/api/trips/${trip.id}/activities`, MEETING, as(viewer))).status).toBe(403);
      const [activity] = (await t.api.get(`/api/trips/${trip.id}/activities`, as(viewer))).body.items;
      expect((await t.api.patch(`/api/activities/${activity.id}`, { title: 'x' }, as(viewer))).status).toBe(403);
      expect((await t.api.delete(`/api/activities/${activity.id}`, as(viewer))).status).toBe(403);
      expect((await t.api.post(`/api/trips/${trip.id}/checklist`, { title: 'x' }, as(viewer))).status).toBe(403);
      expect((await t.api.put(`/api/trips/${trip.id}/notes`, { body: 'x' }, as(viewer))).status).toBe(403);

      const submitted = await createTrip(t.api, owner, { title: 'Submitted one' });
      expect((await t.api.post(`/api/trips/${submitted.id}/submit`, {}, as(owner))).status).toBe(200);
      await t.api.put(`/api/trips/${submitted.id}/collaborators/${editor.user.id}`, { role: 'editor' }, as(owner));
      expect((await t.api.post(`/api/trips/${submitted.id}/approve`, {}, as(editor))).status).toBe(403);
      // A manager collaborator does not travel on it: their role still decides.
      await t.api.put(`/api/trips/${submitted.id}/collaborators/${manager.user.id}`, { role: 'viewer' }, as(owner));
      expect((await t.api.get(`/api/trips/${submitted.id}`, as(manager))).body.allowedActions).toContain('decide');
    });

    it('offers colleagues to share with (not those who travel), to whoever may share', async () => {
      const found = await t.api.get(`/api/trips/${trip.id}/collaborators/candidates?q=o`, as(owner));
      const names = found.body.items.map((item: { name: string }) => item.name);
      expect(names).toEqual(expect.arrayContaining(['Otto Outsider', 'Mona Manager']));
      expect(names).not.toContain('Olga Owner');
      expect((await t.api.get(`/api/trips/${trip.id}/collaborators/candidates`, as(viewer))).status).toBe(403);
    });

    it('refuses travellers, non-members and other organizations; removal takes the trip away again', async () => {
      const travels = await t.api.put(
        `/api/trips/${trip.id}/collaborators/${owner.user.id}`,
        { role: 'viewer' },
        as(owner),
      );
      expect(travels.body.code).toBe('COLLABORATOR_TRAVELS');
      const foreign = await t.api.put(
        `/api/trips/${trip.id}/collaborators/${stranger.user.id}`,
        { role: 'viewer' },
        as(owner),
      );
      expect([foreign.status, foreign.body.code]).toEqual([422, 'COLLABORATOR_NOT_MEMBER']);
      expect(
        (await t.api.put(`/api/trips/${trip.id}/collaborators/${viewer.user.id}`, { role: 'owner' }, as(owner))).status,
      ).toBe(400);
      expect((await t.api.get(`/api/trips/${trip.id}/collaborators`, as(stranger))).status).toBe(404);

      const extra = await createTrip(t.api, owner, { title: 'Short-lived share' });
      await t.api.put(`/api/trips/${extra.id}/collaborators/${outsider.user.id}`, { role: 'viewer' }, as(admin));
      expect((await t.api.get(`/api/trips/${extra.id}`, as(outsider))).status).toBe(200);
      expect((await t.api.delete(`/api/trips/${extra.id}/collaborators/${outsider.user.id}`, as(manager))).status).toBe(
        204,
      );
      expect((await t.api.get(`/api/trips/${extra.id}`, as(outsider))).status).toBe(404);
      expect((await t.api.delete(`/api/trips/${extra.id}/collaborators/${outsider.user.id}`, as(manager))).status).toBe(
        404,
      );
    });
  });

  describe('comments and mentions', () => {
    it('posts on the trip and on an activity, and notifies each mentioned colleague once', async () => {
      const [activity] = (await t.api.get(`/api/trips/${trip.id}/activities`, as(owner))).body.items;
      const posted = await t.api.post(
        `/api/trips/${trip.id}/comments`,
        { body: 'Can we start at 11?', activityId: activity.id, mentionedUserIds: [editor.user.id] },
        as(viewer),
      );
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({
        activityId: activity.id,
        author: { id: viewer.user.id, name: 'Vic Viewer' },
        allowedActions: ['edit', 'delete'],
      });
      await t.api.post(`/api/trips/${trip.id}/comments`, { body: 'Looks good' }, as(owner));

      const thread = await t.api.get(`/api/trips/${trip.id}/comments?activityId=${activity.id}`, as(editor));
      expect(thread.body.items.map((c: { body: string }) => c.body)).toEqual(['Can we start at 11?']);
      expect((await t.api.get(`/api/trips/${trip.id}/comments`, as(editor))).body.items).toHaveLength(2);

      await drainOutbox(t);
      const bell = await t.api.get('/api/notifications', as(editor));
      expect(bell.body.unread).toBeGreaterThanOrEqual(1);
      expect(bell.body.items.find((n: { kind: string }) => n.kind === 'mention')).toMatchObject({
        kind: 'mention',
        title: `Vic Viewer mentioned you on "${trip.title}"`,
        read: false,
        link: `/trips/${trip.id}`,
      });

      // Editing with the same mention notifies nobody again.
      const edited = await t.api.patch(
        `/api/comments/${posted.body.id}`,
        { body: 'Can we start at 11:30?', version: 1 },
        as(viewer),
      );
      expect(edited.body).toMatchObject({ edited: true, version: 2 });
      await drainOutbox(t);
      const mentions = (await t.api.get('/api/notifications', as(editor))).body.items.filter(
        (n: { kind: string }) => n.kind === 'mention',
      );
      expect(mentions).toHaveLength(1);
    });

    it('refuses a mention of someone who cannot see the trip, and a stale edit', async () => {
      const refused = await t.api.post(
        `/api/trips/${trip.id}/comments`,
        { body: 'Hi', mentionedUserIds: [outsider.user.id] },
        as(owner),
      );
      expect([refused.status, refused.body.code]).toEqual([422, 'USER_CANNOT_SEE_TRIP']);
      const mine = await t.api.post(`/api/trips/${trip.id}/comments`, { body: 'v1' }, as(owner));
      await t.api.patch(`/api/comments/${mine.body.id}`, { body: 'v2' }, as(owner));
      const stale = await t.api.patch(`/api/comments/${mine.body.id}`, { body: 'v3', version: 1 }, as(owner));
      expect([stale.status, stale.body.code]).toEqual([409, 'COMMENT_VERSION_STALE']);
    });

    it('lets only the author edit; the author or an admin delete', async () => {
      const posted = await t.api.post(`/api/trips/${trip.id}/comments`, { body: 'Mine' }, as(editor));
      const byOther = await t.api.patch(`/api/comments/${posted.body.id}`, { body: 'Yours?' }, as(owner));
      expect([byOther.status, byOther.body.code]).toEqual([403, 'NOT_COMMENT_AUTHOR']);
      expect((await t.api.patch(`/api/comments/${posted.body.id}`, { body: 'Mine!' }, as(admin))).status).toBe(403);
      expect((await t.api.delete(`/api/comments/${posted.body.id}`, as(manager))).status).toBe(403);
      expect((await t.api.delete(`/api/comments/${posted.body.id}`, as(admin))).status).toBe(204);
      const own = await t.api.post(`/api/trips/${trip.id}/comments`, { body: 'Mine again' }, as(editor));
      expect((await t.api.delete(`/api/comments/${own.body.id}`, as(editor))).status).toBe(204);
      expect((await t.api.get(`/api/trips/${trip.id}/comments`, as(stranger))).status).toBe(404);
      expect((await t.api.get(`/api/trips/${trip.id}/comments`, as(outsider))).status).toBe(404);
    });
  });

  describe('checklist and notes', () => {
    it('adds a to-do assigned to a collaborator, who is notified and may tick it off as a viewer', async () => {
      const created = await t.api.post(
        `/api/trips/${trip.id}/checklist`,
        { title: 'Order visitor badges', assigneeId: viewer.user.id, dueDate: '2026-03-05' },
        as(editor),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        assignee: { id: viewer.user.id, name: 'Vic Viewer' },
        dueDate: '2026-03-05',
        done: false,
        version: 1,
      });
      const ticked = await t.api.patch(
        `/api/checklist-items/${created.body.id}`,
        { done: true, version: 1 },
        as(viewer),
      );
      expect(ticked.body).toMatchObject({ done: true, version: 2 });
      expect((await t.api.patch(`/api/checklist-items/${created.body.id}`, { title: 'Mine' }, as(viewer))).status).toBe(
        403,
      );
      const stale = await t.api.patch(
        `/api/checklist-items/${created.body.id}`,
        { done: false, version: 1 },
        as(editor),
      );
      expect([stale.status, stale.body.code]).toEqual([409, 'CHECKLIST_ITEM_VERSION_STALE']);

      await drainOutbox(t);
      const assignments = (await t.api.get('/api/notifications?unread=true', as(viewer))).body.items;
      expect(assignments.map((n: { kind: string; title: string }) => [n.kind, n.title])).toContainEqual([
        'assignment',
        `You were assigned "Order visitor badges" on "${trip.title}"`,
      ]);
      const unassignable = await t.api.post(
        `/api/trips/${trip.id}/checklist`,
        { title: 'x', assigneeId: outsider.user.id },
        as(owner),
      );
      expect(unassignable.body.code).toBe('USER_CANNOT_SEE_TRIP');
      expect((await t.api.get(`/api/trips/${trip.id}/checklist`, as(viewer))).body.items).toHaveLength(1);
      expect((await t.api.delete(`/api/checklist-items/${created.body.id}`, as(editor))).status).toBe(204);
    });

    it('keeps shared notes with their own version, apart from the trip', async () => {
      const empty = await t.api.get(`/api/trips/${trip.id}/notes`, as(viewer));
      expect(empty.body).toMatchObject({ body: '', version: 0, updatedBy: null });
      const tripVersion = (await t.api.get(`/api/trips/${trip.id}`, as(owner))).body.version;
      const first = await t.api.put(
        `/api/trips/${trip.id}/notes`,
        { body: 'Badges at reception', version: 0 },
        as(editor),
      );
      expect(first.body).toMatchObject({ body: 'Badges at reception', version: 1, updatedBy: { id: editor.user.id } });
      const lost = await t.api.put(`/api/trips/${trip.id}/notes`, { body: 'Other', version: 0 }, as(owner));
      expect([lost.status, lost.body.code]).toEqual([409, 'TRIP_NOTES_VERSION_STALE']);
      expect(
        (await t.api.put(`/api/trips/${trip.id}/notes`, { body: 'Second', version: 1 }, as(owner))).body.version,
      ).toBe(2);
      expect((await t.api.get(`/api/trips/${trip.id}`, as(owner))).body.version).toBe(tripVersion);
    });
  });

  describe('notification centre', () => {
    it('tells approvers of a submission and the traveller of the decision; marks read one and all', async () => {
      const submitted = await createTrip(t.api, owner, { title: 'Approval flow' });
      await t.api.post(`/api/trips/${submitted.id}/submit`, {}, as(owner));
      await drainOutbox(t);
      const waiting = (await t.api.get('/api/notifications', as(manager))).body.items;
      expect(waiting).toContainEqual(expect.objectContaining({ kind: 'approval_requested', tripId: submitted.id }));
      await t.api.post(`/api/trips/${submitted.id}/approve`, {}, as(manager));
      await drainOutbox(t);
      const mine = await t.api.get('/api/notifications', as(owner));
      expect(mine.body.items[0]).toMatchObject({ kind: 'decision', title: 'Your trip "Approval flow" was approved' });
      // The manager acted: they are not told of their own decision.
      expect(
        (await t.api.get('/api/notifications', as(manager))).body.items.some(
          (n: { kind: string }) => n.kind === 'decision',
        ),
      ).toBe(false);

      const before = (await t.api.get('/api/notifications/unread-count', as(owner))).body.unread;
      expect((await t.api.post(`/api/notifications/${mine.body.items[0].id}/read`, {}, as(owner))).status).toBe(204);
      expect((await t.api.get('/api/notifications/unread-count', as(owner))).body.unread).toBe(before - 1);
      expect((await t.api.post(`/api/notifications/${mine.body.items[0].id}/read`, {}, as(manager))).status).toBe(404);
      expect((await t.api.post('/api/notifications/read-all', {}, as(owner))).status).toBe(204);
      expect((await t.api.get('/api/notifications/unread-count', as(owner))).body.unread).toBe(0);
    });

    it('never adds a notification twice for a redelivered event', async () => {
      await t.api.put(`/api/trips/${trip.id}/collaborators/${outsider.user.id}`, { role: 'viewer' }, as(owner));
      await drainOutbox(t);
      const count = async () =>
        Number(
          (
            await t.sql.query('SELECT count(*) FROM notifications WHERE user_id = $1 AND trip_id = $2', [
              outsider.user.id,
              trip.id,
            ])
          ).rows[0].count,
        );
      expect(await count()).toBe(1);
      await t.sql.query(
        `UPDATE outbox_messages SET status = 'pending', next_attempt_at = now(), delivered_at = NULL
          WHERE handler = 'notifications.recorder' AND topic = 'collaborator.added'`,
      );
      await drainOutbox(t);
      expect(await count()).toBe(1);
      await t.api.delete(`/api/trips/${trip.id}/collaborators/${outsider.user.id}`, as(owner));
    });
  });
});
