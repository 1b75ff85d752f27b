import type { Socket } from 'socket.io-client';
import Redis from 'ioredis';
import { redisChannelKey } from '../src/realtime/realtime-io.adapter';
import { addMember, createTrip, registerOrganization, Session } from './support/factories';
import { drainOutbox } from './support/outbox';
import { connectSocket, eventually, joinTrip, record } from './support/realtime-client';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

const ACTIVITY = { title: 'Pitch at the customer', type: 'meeting', startsAt: '2026-03-10T10:00:00+01:00' };

/**
 * Two API processes on one database (as under PM2 cluster mode), a client on each: an edit made
 * through instance A, its event delivered by A's outbox worker, reaches the client on instance B
 * through the socket.io adapter — PostgreSQL LISTEN/NOTIFY by default, Redis when REDIS_URL is set.
 */
function acrossInstances(adapter: 'postgres' | 'redis', redisUrl: string) {
  describe(`through the ${adapter} adapter`, () => {
    let first: TestApp;
    let second: TestApp;
    let admin: Session;
    let manager: Session;
    let channelKey: string;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      const database = await createTestDatabase();
      channelKey = redisChannelKey({ database: database.name });
      // REDIS_URL empty: the PostgreSQL adapter even where CI sets REDIS_URL for the other tests.
      first = await startTestApp({ REDIS_URL: redisUrl }, database);
      second = await startTestApp({ REDIS_URL: redisUrl }, database);
      admin = await registerOrganization(first.api);
      manager = await addMember(first.api, admin, 'manager', 'Mia Manager');
    });
    afterAll(async () => {
      sockets.forEach((socket) => socket.close());
      await second.close();
      await first.close();
    });

    it('an edit through instance A reaches the client on instance B, and presence spans both', async () => {
      const trip = await createTrip(first.api, admin);
      const onFirst = await connectSocket(first, admin.accessToken);
      const onSecond = await connectSocket(second, manager.accessToken);
      sockets.push(onFirst, onSecond);
      const received = record(onSecond);
      await joinTrip(onSecond, trip.id);
      expect(await joinTrip(onFirst, trip.id)).toEqual({
        viewers: expect.arrayContaining([
          { id: admin.user.id, name: 'Ada Admin' },
          { id: manager.user.id, name: 'Mia Manager' },
        ]),
      });

      const created = await first.api.post(`/api/trips/${trip.id}/activities`, ACTIVITY, {
        token: admin.accessToken,
      });
      expect(created.status).toBe(201);
      await drainOutbox(first);
      if (adapter === 'redis') {
        const redis = new Redis(redisUrl);
        // Both processes subscribe to the adapter's channels, keyed by their database: the messages go
        // through Redis, and the test apps of other files (other databases) are not among them.
        const [, subscribers] = (await redis.pubsub('NUMSUB', `${channelKey}-request#/#`)) as [string, number];
        expect(subscribers).toBe(2);
        redis.disconnect();
      }
      await eventually(() =>
        expect(received.of('activity.created')).toEqual([
          expect.objectContaining({ tripId: trip.id, activityId: created.body.id, version: created.body.version }),
        ]),
      );
    });

    it('a collaborator removed through instance A leaves the trip room on instance B', async () => {
      const traveller = await addMember(first.api, admin, 'traveller', 'Tom Traveller');
      const colleague = await addMember(first.api, admin, 'traveller', 'Cleo Colleague');
      const trip = await createTrip(first.api, traveller);
      const path = `/api/trips/${trip.id}/collaborators/${colleague.user.id}`;
      expect((await first.api.put(path, { role: 'viewer' }, { token: traveller.accessToken })).status).toBe(200);
      const onSecond = await connectSocket(second, colleague.accessToken);
      sockets.push(onSecond);
      const received = record(onSecond);
      expect(await joinTrip(onSecond, trip.id)).toHaveProperty('viewers');
      const onFirst = await connectSocket(first, traveller.accessToken);
      sockets.push(onFirst);
      const ownerReceived = record(onFirst);
      await joinTrip(onFirst, trip.id);

      expect((await first.api.delete(path, { token: traveller.accessToken })).status).toBe(204);
      await drainOutbox(first);
      await eventually(() => {
        expect(received.of('collaborator.removed')).toHaveLength(1);
        // Presence, gathered across both processes, names only the owner once B's socket has left.
        expect(ownerReceived.of('presence').at(-1)?.viewers).toEqual([
          { id: traveller.user.id, name: 'Tom Traveller' },
        ]);
      });
      const created = await first.api.post(`/api/trips/${trip.id}/activities`, ACTIVITY, {
        token: traveller.accessToken,
      });
      expect(created.status).toBe(201);
      await drainOutbox(first);
      await eventually(() => expect(ownerReceived.of('activity.created')).toHaveLength(1));
      expect(received.of('activity.created')).toEqual([]);
    });

    it('signing out everywhere through instance A disconnects the connection on instance B', async () => {
      const member = await registerOrganization(first.api);
      const onSecond = await connectSocket(second, member.accessToken);
      sockets.push(onSecond);
      const gone = new Promise((resolve) => onSecond.once('disconnect', resolve));
      expect((await first.api.post('/api/auth/logout-all', {}, { token: member.accessToken })).status).toBe(204);
      await drainOutbox(first);
      expect(await gone).toBe('io server disconnect');
    });
  });
}

describe('Live updates across API processes', () => {
  acrossInstances('postgres', '');
  // Needs a real Redis: runs when REDIS_URL is set (CI sets it).
  (process.env.REDIS_URL ? acrossInstances : () => undefined)('redis', process.env.REDIS_URL ?? '');
});
