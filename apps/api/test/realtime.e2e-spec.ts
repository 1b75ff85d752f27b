import type { Socket } from 'socket.io-client';
import { ActivitiesService } from '../src/activities/activities.service';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { drainOutbox } from './support/outbox';
import { connectSocket, eventually, joinTrip, record, withExpiry } from './support/realtime-client';
import { startTestApp, TestApp } from './support/test-app';

const ACTIVITY = { title: 'Pitch at the customer', type: 'meeting', startsAt: '2026-03-10T10:00:00+01:00' };
const NOT_FOUND = { error: { code: 'NOT_FOUND', message: 'Trip not found' } };
const now = () => Math.floor(Date.now() / 1000);

/** Issue 13 § Real time: socket authentication, trip rooms, events after commit, sessions ending. */
describe('Live updates over WebSockets', () => {
  let t: TestApp;
  let admin: Session;
  let traveller: Session;
  let colleague: Session;
  let other: Session;
  const sockets: Socket[] = [];
  const as = (session: Session) => ({ token: session.accessToken });
  const connect = async (token?: string) => {
    const socket = await connectSocket(t, token);
    sockets.push(socket);
    return socket;
  };

  /** After someone left a trip's room: the owner's next comment reaches the owner's socket, not theirs. */
  type Recorded = ReturnType<typeof record>;
  const expectOnlyOwnerHearsTheNextComment = async (tripId: string, owner: Recorded, left: Recorded) => {
    const comment = await t.api.post(`/api/trips/${tripId}/comments`, { body: 'After they left' }, as(traveller));
    expect(comment.status).toBe(201);
    await drainOutbox(t);
    await eventually(() => expect(owner.of('comment.created')).toHaveLength(1));
    expect(left.of('comment.created')).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api, { organizationName: 'Acme Travel' });
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    colleague = await addMember(t.api, admin, 'traveller', 'Cleo Colleague');
    other = await registerOrganization(t.api, { organizationName: 'Other Corp' });
    await drainOutbox(t);
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.close()));
  afterAll(() => t.close());

  describe('authentication in the handshake', () => {
    it('refuses a connection without a token, with a malformed one and with a forged one', async () => {
      const unauthenticated = { code: 'UNAUTHENTICATED', message: 'Missing, invalid or expired access token' };
      await expect(connectSocket(t)).rejects.toEqual(unauthenticated);
      await expect(connectSocket(t, 'not-a-token')).rejects.toEqual(unauthenticated);
      const forged = traveller.accessToken.replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
      await expect(connectSocket(t, forged)).rejects.toEqual(unauthenticated);
    });

    it('refuses an expired token with TOKEN_EXPIRED, so the client knows to refresh', async () => {
      await expect(connectSocket(t, withExpiry(traveller.accessToken, now() - 1))).rejects.toEqual({
        code: 'TOKEN_EXPIRED',
        message: 'The access token has expired',
      });
    });

    it('serves only the WebSocket transport (no HTTP long-polling) under /api/socket.io', async () => {
      const polling = await fetch(`${t.baseUrl}/api/socket.io?EIO=4&transport=polling`);
      expect(polling.status).toBe(400);
      const socket = await connect(traveller.accessToken);
      expect(socket.io.engine.transport.name).toBe('websocket');
    });
  });

  describe('trip rooms', () => {
    it("joins the caller's own trip and names who is looking at it", async () => {
      const trip = await createTrip(t.api, traveller);
      const socket = await connect(traveller.accessToken);
      expect(await joinTrip(socket, trip.id)).toEqual({ viewers: [{ id: traveller.user.id, name: 'Tom Traveller' }] });
    });

    it("refuses another organization's trip exactly as a trip that does not exist", async () => {
      const foreign = await createTrip(t.api, other);
      const socket = await connect(traveller.accessToken);
      expect(await joinTrip(socket, foreign.id)).toEqual(NOT_FOUND);
      expect(await joinTrip(socket, '00000000-0000-4000-8000-000000000000')).toEqual(NOT_FOUND);
      expect(await joinTrip(socket, 'not-a-uuid')).toEqual(NOT_FOUND);
      // A traveller does not see a colleague's trip either (the trip access table).
      const colleagues = await createTrip(t.api, colleague);
      expect(await joinTrip(socket, colleagues.id)).toEqual(NOT_FOUND);
    });

    it('tells everyone in the room who joins and who leaves (presence)', async () => {
      const trip = await createTrip(t.api, traveller);
      const mine = await connect(traveller.accessToken);
      const received = record(mine);
      await joinTrip(mine, trip.id);
      const managers = await connect(admin.accessToken);
      await joinTrip(managers, trip.id);
      await eventually(() =>
        expect(received.of('presence').at(-1)).toEqual({
          tripId: trip.id,
          viewers: expect.arrayContaining([
            { id: traveller.user.id, name: 'Tom Traveller' },
            { id: admin.user.id, name: 'Ada Admin' },
          ]),
        }),
      );
      managers.close();
      await eventually(() =>
        expect(received.of('presence').at(-1)).toEqual({
          tripId: trip.id,
          viewers: [{ id: traveller.user.id, name: 'Tom Traveller' }],
        }),
      );
    });
  });

  describe('events after commit', () => {
    it("pushes an itinerary change to the trip's room with ids and the new version, and to nobody else", async () => {
      const trip = await createTrip(t.api, traveller);
      const watching = await connect(admin.accessToken);
      const inRoom = record(watching);
      await joinTrip(watching, trip.id);
      const connectedElsewhere = record(await connect(traveller.accessToken));
      const foreign = await connect(other.accessToken);
      const foreignReceived = record(foreign);
      await joinTrip(foreign, (await createTrip(t.api, other)).id);

      const created = await t.api.post(`/api/trips/${trip.id}/activities`, ACTIVITY, as(traveller));
      expect(created.status).toBe(201);
      await drainOutbox(t);
      await eventually(() =>
        expect(inRoom.of('activity.created')).toEqual([
          {
            id: expect.any(String),
            tripId: trip.id,
            activityId: created.body.id,
            version: created.body.version,
            actorId: traveller.user.id,
            occurredAt: expect.any(String),
          },
        ]),
      );
      // Ids only: the title, times and costs are read through the API, with its checks.
      expect(JSON.stringify(inRoom.of('activity.created'))).not.toContain(ACTIVITY.title);

      const updated = await t.api.patch(
        `/api/activities/${created.body.id}`,
        { title: 'Pitch, moved', version: created.body.version },
        as(traveller),
      );
      expect(updated.status).toBe(200);
      await t.api.delete(`/api/activities/${created.body.id}`, as(traveller));
      const submitted = await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      expect(submitted.status).toBe(200);
      await drainOutbox(t);
      await eventually(() => {
        expect(inRoom.of('activity.updated')).toEqual([
          expect.objectContaining({ activityId: created.body.id, version: updated.body.version }),
        ]);
        expect(inRoom.of('activity.deleted')).toEqual([expect.objectContaining({ activityId: created.body.id })]);
        expect(inRoom.of('trip.submitted')).toEqual([
          expect.objectContaining({ tripId: trip.id, status: 'submitted', version: submitted.body.version }),
        ]);
      });
      expect(connectedElsewhere.events.filter((event) => event.name !== 'presence')).toEqual([]);
      expect(foreignReceived.events.filter((event) => event.name !== 'presence')).toEqual([]);
    });

    it("pushes a comment to the trip's room, and a share to the colleague's own connections", async () => {
      const trip = await createTrip(t.api, traveller);
      const watching = await connect(admin.accessToken);
      const inRoom = record(watching);
      await joinTrip(watching, trip.id);
      const colleagueReceived = record(await connect(colleague.accessToken));

      const shared = await t.api.put(
        `/api/trips/${trip.id}/collaborators/${colleague.user.id}`,
        { role: 'viewer' },
        as(traveller),
      );
      expect(shared.status).toBe(200);
      const comment = await t.api.post(
        `/api/trips/${trip.id}/comments`,
        { body: 'Book the 9:40 train' },
        as(traveller),
      );
      expect(comment.status).toBe(201);
      await drainOutbox(t);
      await eventually(() => {
        expect(inRoom.of('comment.created')).toEqual([
          expect.objectContaining({ tripId: trip.id, commentId: comment.body.id, actorId: traveller.user.id }),
        ]);
        expect(colleagueReceived.of('collaborator.added')).toEqual([
          expect.objectContaining({ tripId: trip.id, userId: colleague.user.id }),
        ]);
      });
      // Ids only: the comment's text is read through the API.
      expect(JSON.stringify(inRoom.of('comment.created'))).not.toContain('9:40');
      expect(colleagueReceived.of('comment.created')).toEqual([]);
    });

    it('takes a removed collaborator out of the trip room: the removal reaches them, nothing after it', async () => {
      const trip = await createTrip(t.api, traveller);
      const share = (role: string) =>
        t.api.put(`/api/trips/${trip.id}/collaborators/${colleague.user.id}`, { role }, as(traveller));
      expect((await share('viewer')).status).toBe(200);
      await drainOutbox(t);
      const colleagueSocket = await connect(colleague.accessToken);
      const received = record(colleagueSocket);
      expect(await joinTrip(colleagueSocket, trip.id)).toEqual({
        viewers: [expect.objectContaining({ id: colleague.user.id })],
      });
      const owner = await connect(traveller.accessToken);
      const ownerReceived = record(owner);
      await joinTrip(owner, trip.id);

      const removed = await t.api.delete(`/api/trips/${trip.id}/collaborators/${colleague.user.id}`, as(traveller));
      expect(removed.status).toBe(204);
      await drainOutbox(t);
      await eventually(() => {
        expect(received.of('collaborator.removed')).toEqual([
          expect.objectContaining({ tripId: trip.id, userId: colleague.user.id }),
        ]);
        // The room's presence no longer names them.
        expect(ownerReceived.of('presence').at(-1)?.viewers).toEqual([
          expect.objectContaining({ id: traveller.user.id }),
        ]);
      });
      await expectOnlyOwnerHearsTheNextComment(trip.id, ownerReceived, received);
      // Joining again is refused as for any trip they cannot see.
      expect(await joinTrip(colleagueSocket, trip.id)).toEqual({
        error: expect.objectContaining({ code: 'NOT_FOUND' }),
      });
    });

    it('takes a co-traveller out of the trip room when an edit of the trip removes them', async () => {
      const trip = await createTrip(t.api, traveller, { coTravellerIds: [colleague.user.id] });
      await drainOutbox(t);
      const colleagueSocket = await connect(colleague.accessToken);
      const received = record(colleagueSocket);
      expect(await joinTrip(colleagueSocket, trip.id)).toHaveProperty('viewers');
      const owner = await connect(traveller.accessToken);
      const ownerReceived = record(owner);
      await joinTrip(owner, trip.id);

      const edited = await t.api.patch(
        `/api/trips/${trip.id}`,
        { coTravellerIds: [], version: trip.version },
        as(traveller),
      );
      expect(edited.status).toBe(200);
      await drainOutbox(t);
      // The edit's trip.updated has the room checked again: presence no longer names them.
      await eventually(() => {
        expect(ownerReceived.of('trip.updated')).toEqual([expect.objectContaining({ tripId: trip.id })]);
        expect(ownerReceived.of('presence').at(-1)?.viewers).toEqual([
          expect.objectContaining({ id: traveller.user.id }),
        ]);
      });
      await expectOnlyOwnerHearsTheNextComment(trip.id, ownerReceived, received);
    });

    it("pushes a mention's notification to the mentioned user's own connections only, ids only", async () => {
      const trip = await createTrip(t.api, traveller);
      const shared = await t.api.put(
        `/api/trips/${trip.id}/collaborators/${colleague.user.id}`,
        { role: 'viewer' },
        as(traveller),
      );
      expect(shared.status).toBe(200);
      await drainOutbox(t);
      const colleagueReceived = record(await connect(colleague.accessToken));
      const adminReceived = record(await connect(admin.accessToken));

      const comment = await t.api.post(
        `/api/trips/${trip.id}/comments`,
        { body: 'Secret plan, see this', mentionedUserIds: [colleague.user.id] },
        as(traveller),
      );
      expect(comment.status).toBe(201);
      await drainOutbox(t);
      await eventually(() => {
        expect(colleagueReceived.of('notification.created')).toEqual([
          expect.objectContaining({ notificationId: expect.any(String), tripId: trip.id, actorId: traveller.user.id }),
        ]);
      });
      expect(JSON.stringify(colleagueReceived.of('notification.created'))).not.toContain('Secret');
      expect(adminReceived.of('notification.created')).toEqual([]);
    });

    it('emits nothing for a change whose transaction rolled back', async () => {
      const trip = await createTrip(t.api, traveller);
      const watching = await connect(traveller.accessToken);
      const received = record(watching);
      await joinTrip(watching, trip.id);
      const activities = t.app.get(ActivitiesService);
      const ctx = {
        userId: traveller.user.id,
        organizationId: traveller.user.organizationId,
        role: 'traveller' as const,
      };
      await expect(
        t.app.get(TransactionRunner).run(async () => {
          await activities.create(ctx as never, trip.id, ACTIVITY as never);
          throw new Error('something after the change failed');
        }),
      ).rejects.toThrow('something after the change failed');
      await drainOutbox(t);
      // The next, committed change arrives: had the rolled-back one been sent, it would be before it.
      const committed = await t.api.post(`/api/trips/${trip.id}/activities`, ACTIVITY, as(traveller));
      await drainOutbox(t);
      await eventually(() => expect(received.of('activity.created')).toHaveLength(1));
      expect(received.of('activity.created')[0].activityId).toBe(committed.body.id);
    });
  });

  describe('sessions ending', () => {
    it('asks for a new token before the token expires and keeps a connection that sends one', async () => {
      const socket = await connect(withExpiry(traveller.accessToken, now() + 3));
      const received = record(socket);
      await eventually(() => expect(received.of('auth.expiring')).toHaveLength(1), 3000);
      const answer = await socket.timeout(5000).emitWithAck('auth', { token: traveller.accessToken });
      expect(answer).toEqual({ expiresAt: expect.any(String) });
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(socket.connected).toBe(true);
      expect(received.of('auth.expired')).toEqual([]);
    });

    it('drops a connection whose token expired without a new one', async () => {
      const socket = await connect(withExpiry(traveller.accessToken, now() + 2));
      const received = record(socket);
      const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
      expect(await disconnected).toBe('io server disconnect');
      expect(received.of('auth.expiring')).toHaveLength(1);
      expect(received.of('auth.expired')).toHaveLength(1);
    });

    it("refuses another user's token as a renewal and drops the connection", async () => {
      const socket = await connect(traveller.accessToken);
      const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
      const answer = await socket.timeout(5000).emitWithAck('auth', { token: colleague.accessToken });
      expect(answer).toEqual({ error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) });
      expect(await disconnected).toBe('io server disconnect');
    });

    it('disconnects every connection of a user who signs out everywhere, at once', async () => {
      const member = await addMember(t.api, admin, 'traveller', 'Sam Signout');
      const first = await connect(member.accessToken);
      const second = await connect(member.accessToken);
      const bystander = await connect(colleague.accessToken);
      const gone = Promise.all([first, second].map((s) => new Promise((resolve) => s.once('disconnect', resolve))));
      expect((await t.api.post('/api/auth/logout-all', {}, as(member))).status).toBe(204);
      await drainOutbox(t);
      expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
      expect(bystander.connected).toBe(true);
      // And the revoked token cannot come back.
      await expect(connectSocket(t, member.accessToken)).rejects.toEqual(
        expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      );
    });

    it("disconnects a deactivated member's connections, and a logout ends only that session's", async () => {
      const member = await addMember(t.api, admin, 'traveller', 'Dee Activated');
      const socket = await connect(member.accessToken);
      const gone = new Promise((resolve) => socket.once('disconnect', resolve));
      const deactivated = await t.api.patch(
        `/api/organizations/current/members/${member.user.id}`,
        { active: false },
        as(admin),
      );
      expect(deactivated.status).toBe(200);
      await drainOutbox(t);
      expect(await gone).toBe('io server disconnect');

      const loggingOut = await addMember(t.api, admin, 'traveller', 'Lou Logout');
      const otherSession = (
        await t.api.post('/api/auth/login', { email: loggingOut.user.email, password: 'violet tractor umbrella 42' })
      ).body as Session;
      const ending = await connect(loggingOut.accessToken);
      const staying = await connect(otherSession.accessToken);
      const ended = new Promise((resolve) => ending.once('disconnect', resolve));
      expect((await t.api.post('/api/auth/logout', { refreshToken: loggingOut.refreshToken })).status).toBe(204);
      await drainOutbox(t);
      expect(await ended).toBe('io server disconnect');
      expect(staying.connected).toBe(true);
    });
  });
});
