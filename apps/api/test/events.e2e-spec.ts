import { AuditRecorder } from '../src/audit/audit-recorder';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { DomainEvents } from '../src/events/domain-events';
import type { DomainEvent, OneOf } from '../src/events/event-map';
import { EventHandlers } from '../src/events/event-handlers';
import { OutboxWorker } from '../src/events/outbox.worker';
import { MailService } from '../src/mail/mail.service';
import { addMember, createTrip, registerOrganization, Session, TRIP, uniqueEmail } from './support/factories';
import { drainOutbox } from './support/outbox';
import { startTestApp, TestApp } from './support/test-app';

/** Issue 9 § 1: domain events written in the use case's transaction and delivered through the outbox. */
describe('Domain events through the outbox', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let other: Session;
  const as = (session: Session) => ({ token: session.accessToken });
  const auditOf = async (session: Session, query: string) =>
    (await t.api.get(`/api/audit?${query}&limit=100`, as(session))).body.items;
  const outboxRows = async (topic: string, handler: string) =>
    (
      await t.sql.query('SELECT * FROM outbox_messages WHERE topic = $1 AND handler = $2 ORDER BY created_at', [
        topic,
        handler,
      ])
    ).rows;

  beforeAll(async () => {
    // Retries come quickly here so that backoff can be watched within a test.
    t = await startTestApp({ MAIL_RETRY_BASE_MS: '200' });
    admin = await registerOrganization(t.api, { organizationName: 'Acme Travel' });
    manager = await addMember(t.api, admin, 'manager', 'Mia Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tom Traveller');
    other = await registerOrganization(t.api, { organizationName: 'Other Corp' });
    await drainOutbox(t);
  });
  afterAll(() => t.close());

  describe('trip steps', () => {
    it('writes the audit rows and the e-mails of a submission and an approval through events, after the commit', async () => {
      const trip = await createTrip(t.api, traveller, { title: 'Evented trip' });
      await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      await t.api.post(`/api/trips/${trip.id}/approve`, { reason: 'Fine' }, as(manager));

      // Committed with the change: one row per subscribed handler, nothing done yet.
      const queued = await t.sql.query(
        'SELECT topic, handler, status, payload, created_at FROM outbox_messages WHERE payload #>> $1 = $2 ORDER BY created_at, handler',
        ['{data,tripId}', trip.id],
      );
      expect(queued.rows.map((row) => [row.topic, row.handler, row.status])).toEqual([
        ['trip.created', 'audit.recorder', 'pending'],
        ['trip.submitted', 'audit.recorder', 'pending'],
        ['trip.submitted', 'mail.trip-notifier', 'pending'],
        ['trip.submitted', 'notifications.recorder', 'pending'],
        ['trip.submitted', 'realtime.publisher', 'pending'],
        ['trip.approved', 'audit.recorder', 'pending'],
        ['trip.approved', 'mail.trip-notifier', 'pending'],
        ['trip.approved', 'notifications.recorder', 'pending'],
        ['trip.approved', 'realtime.publisher', 'pending'],
      ]);
      expect(queued.rows[1].payload).toMatchObject({
        actor: { id: traveller.user.id, role: 'traveller' },
        data: { from: 'draft', to: 'submitted', title: 'Evented trip' },
      });
      expect(await auditOf(admin, `entityId=${trip.id}`)).toEqual([]);

      await drainOutbox(t);
      const audit = await auditOf(admin, `entityId=${trip.id}`);
      expect(
        audit.map((event: { action: string; actorId: string }) => [event.action, event.actorId]).reverse(),
      ).toEqual([
        ['trip.created', traveller.user.id],
        ['trip.submitted', traveller.user.id],
        ['trip.approved', manager.user.id],
      ]);
      // Stamped with the time of the change, not of the delivery.
      const approval = await t.sql.query(
        "SELECT created_at FROM outbox_messages WHERE topic = 'trip.approved' AND payload #>> '{data,tripId}' = $1 LIMIT 1",
        [trip.id],
      );
      expect(new Date(audit[0].createdAt)).toEqual(approval.rows[0].created_at);
      const mails = await t.sql.query(
        `SELECT "to", subject FROM outbox_messages WHERE topic = 'mail' AND subject LIKE '%Evented trip%' ORDER BY "to"`,
      );
      expect(mails.rows).toEqual(
        [
          { to: admin.user.email, subject: 'Approval needed: Evented trip' },
          { to: manager.user.email, subject: 'Approval needed: Evented trip' },
          { to: traveller.user.email, subject: 'Your trip "Evented trip" was approved' },
        ].sort((a, b) => a.to.localeCompare(b.to)),
      );
      const trip2 = await t.api.get(`/api/trips/${trip.id}`, as(traveller));
      expect(trip2.body.decision).toMatchObject({
        outcome: 'approved',
        reason: 'Fine',
        decidedBy: { id: manager.user.id },
      });
    });

    it('writes no event when the use case fails (the transaction rolls back)', async () => {
      const trip = await createTrip(t.api, traveller, { title: 'Rolled back' });
      expect((await t.api.post(`/api/trips/${trip.id}/approve`, {}, as(manager))).status).toBe(409);
      const rows = await t.sql.query("SELECT topic FROM outbox_messages WHERE payload #>> '{data,tripId}' = $1", [
        trip.id,
      ]);
      expect(rows.rows.map((row) => row.topic)).toEqual(['trip.created']);
    });
  });

  describe('delivery', () => {
    it('retries a failing handler with backoff, on its own row, without holding up the other handlers of the event', async () => {
      let calls = 0;
      t.app.get(EventHandlers).subscribe({
        name: 'test.flaky',
        events: ['trip.cancelled'],
        handle: async () => {
          calls += 1;
          if (calls === 1) throw new Error('flaky handler fails once');
        },
      });
      const trip = await createTrip(t.api, traveller, { title: 'Flaky' });
      await t.api.post(`/api/trips/${trip.id}/cancel`, {}, as(traveller));

      await drainOutbox(t);
      const [flaky] = await outboxRows('trip.cancelled', 'test.flaky');
      expect(flaky).toMatchObject({ status: 'pending', attempts: 1, last_error: 'flaky handler fails once' });
      expect(flaky.next_attempt_at.getTime()).toBeGreaterThan(flaky.created_at.getTime());
      // The audit recorder's row of the same event was delivered all the same.
      expect((await auditOf(admin, `entityId=${trip.id}&action=trip.cancelled`)).length).toBe(1);

      await new Promise((resolve) => setTimeout(resolve, 250));
      await drainOutbox(t);
      expect((await outboxRows('trip.cancelled', 'test.flaky'))[0]).toMatchObject({
        status: 'delivered',
        attempts: 2,
        last_error: null,
      });
      expect(calls).toBe(2);
    });

    it('rolls back what a handler wrote when it fails, so a retry repeats nothing', async () => {
      const mail = t.app.get(MailService);
      let calls = 0;
      t.app.get(EventHandlers).subscribe({
        name: 'test.writes-then-fails',
        events: ['trip.deleted'],
        handle: async (event) => {
          calls += 1;
          await mail.enqueue({
            organizationId: event.organizationId,
            to: 'rollback@example.com',
            subject: `attempt ${calls}`,
            text: 'x',
          });
          if (calls === 1) throw new Error('fails after writing');
        },
      });
      const trip = await createTrip(t.api, traveller);
      await t.api.delete(`/api/trips/${trip.id}`, as(traveller));
      await drainOutbox(t);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await drainOutbox(t);
      const sent = await t.sql.query(`SELECT subject FROM outbox_messages WHERE "to" = 'rollback@example.com'`);
      expect(sent.rows).toEqual([{ subject: 'attempt 2' }]);
    });

    it('records a redelivered event once (the audit recorder is idempotent on the event id)', async () => {
      const trip = await createTrip(t.api, traveller, { title: 'Twice' });
      await drainOutbox(t);
      // As if a worker had died after its work but before marking it: the row is due again.
      await t.sql.query(
        `UPDATE outbox_messages SET status = 'pending', next_attempt_at = now() WHERE topic = 'trip.created' AND payload #>> '{data,tripId}' = $1`,
        [trip.id],
      );
      await drainOutbox(t);
      expect(
        (await outboxRows('trip.created', 'audit.recorder')).find((row) => row.payload.data.tripId === trip.id),
      ).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(await auditOf(admin, `entityId=${trip.id}`)).toHaveLength(1);

      const event = {
        id: (
          await t.sql.query(
            "SELECT event_id FROM outbox_messages WHERE topic = 'trip.created' AND payload #>> '{data,tripId}' = $1",
            [trip.id],
          )
        ).rows[0].event_id,
        type: 'trip.created',
        organizationId: admin.user.organizationId,
        actor: { id: traveller.user.id, role: 'traveller' },
        occurredAt: new Date(),
        payload: { tripId: trip.id, title: 'Twice' },
      } as OneOf<'trip.created'>;
      await t.app.get(TransactionRunner).run(() => t.app.get(AuditRecorder).handle(event));
      expect(await auditOf(admin, `entityId=${trip.id}`)).toHaveLength(1);
    });

    it('voids the work of a worker whose lease ran out and whose row was claimed again', async () => {
      const mail = t.app.get(MailService);
      t.app.get(EventHandlers).subscribe({
        name: 'test.overtaken',
        events: ['trip.revised'],
        handle: async (event: DomainEvent) => {
          await mail.enqueue({
            organizationId: event.organizationId,
            to: 'overtaken@example.com',
            subject: 'should not stay',
            text: 'x',
          });
          // Meanwhile another worker claims the row (its lease ran out): the attempt count moves on.
          await t.sql.query("UPDATE outbox_messages SET attempts = attempts + 1 WHERE handler = 'test.overtaken'");
        },
      });
      const trip = await createTrip(t.api, traveller);
      await t.api.post(`/api/trips/${trip.id}/submit`, {}, as(traveller));
      await t.api.post(`/api/trips/${trip.id}/reject`, { reason: 'No' }, as(manager));
      await t.api.post(`/api/trips/${trip.id}/revise`, {}, as(traveller));
      await t.app.get(OutboxWorker).deliverDue();
      expect((await outboxRows('trip.revised', 'test.overtaken'))[0]).toMatchObject({
        status: 'pending',
        delivered_at: null,
      });
      expect(
        (await t.sql.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE "to" = 'overtaken@example.com'`))
          .rows[0].n,
      ).toBe(0);
      await t.sql.query("UPDATE outbox_messages SET status = 'delivered' WHERE handler = 'test.overtaken'");
    });

    it('refuses to publish outside a transaction (an event must commit with its change)', async () => {
      const publish = t.app
        .get(DomainEvents)
        .publish(
          { userId: admin.user.id, organizationId: admin.user.organizationId, role: 'admin' } as never,
          'trip.created',
          { tripId: admin.user.id, title: 'x' },
        );
      await expect(publish).rejects.toThrow(/outside a transaction/);
    });

    it('lets any module subscribe (the point where the realtime publisher plugs in): itinerary events reach it', async () => {
      const seen: string[] = [];
      t.app.get(EventHandlers).subscribe({
        name: 'test.itinerary-listener',
        events: ['activity.created', 'activity.updated', 'activity.deleted'],
        handle: async (event) => void seen.push(`${event.type} ${event.payload.title}`),
      });
      const trip = await createTrip(t.api, traveller);
      const created = await t.api.post(
        `/api/trips/${trip.id}/activities`,
        { title: 'Dinner', type: 'meal', startsAt: `${TRIP.startDate}T19:00:00+01:00` },
        as(traveller),
      );
      expect(created.status).toBe(201);
      await t.api.patch(`/api/activities/${created.body.id}`, { title: 'Late dinner' }, as(traveller));
      await t.api.delete(`/api/activities/${created.body.id}`, as(traveller));
      await drainOutbox(t);
      expect(seen.sort()).toEqual([
        'activity.created Dinner',
        'activity.deleted Late dinner',
        'activity.updated Late dinner',
      ]);
    });
  });

  describe('waking on NOTIFY', () => {
    it('handles an event at its commit, long before the next poll (60 s here)', async () => {
      const live = await startTestApp({ OUTBOX_LISTEN: 'true' });
      try {
        const owner = await registerOrganization(live.api);
        const trip = await createTrip(live.api, owner);
        const started = Date.now();
        let audited = 0;
        while (audited === 0 && Date.now() - started < 5000) {
          audited = (await live.api.get(`/api/audit?entityId=${trip.id}`, as(owner))).body.total;
          if (audited === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(audited).toBe(1);
        expect(Date.now() - started).toBeLessThan(2000);
      } finally {
        await live.close();
      }
    });
  });

  describe('the audit log covers members, invitations and the travel policy', () => {
    it('records a role change, a deactivation, an invitation created, accepted and revoked, and a policy update', async () => {
      const member = await addMember(t.api, admin, 'traveller', 'Nina New');
      const acceptedInvitation = (await t.sql.query('SELECT id FROM invitations WHERE email = $1', [member.user.email]))
        .rows[0].id;
      await t.api.patch(`/api/organizations/current/members/${member.user.id}`, { role: 'manager' }, as(admin));
      await t.api.patch(`/api/organizations/current/members/${member.user.id}`, { active: false }, as(admin));
      const email = uniqueEmail('revoked');
      const invitation = await t.api.post(
        '/api/organizations/current/invitations',
        { email, role: 'traveller' },
        as(admin),
      );
      expect(
        (await t.api.delete(`/api/organizations/current/invitations/${invitation.body.id}`, as(admin))).status,
      ).toBe(204);
      const {
        updatedAt: _updatedAt,
        outOfPolicyRequiresApproval: _deprecated,
        ...policy
      } = (await t.api.get('/api/organizations/current/policy', as(admin))).body;
      const updated = await t.api.put(
        '/api/organizations/current/policy',
        { ...policy, minAdvanceBookingDays: 21 },
        as(admin),
      );
      expect(updated.status).toBe(200);
      await drainOutbox(t);

      const memberEvents = await auditOf(admin, `entityId=${member.user.id}`);
      expect(
        memberEvents
          .map((event: { action: string; actorId: string; data: unknown }) => [event.action, event.actorId, event.data])
          .reverse(),
      ).toEqual([
        ['member.role_changed', admin.user.id, { name: 'Nina New', from: 'traveller', to: 'manager' }],
        ['member.deactivated', admin.user.id, { name: 'Nina New' }],
      ]);
      const accepted = await auditOf(admin, `entityId=${acceptedInvitation}`);
      expect(
        accepted.map((event: { action: string; actorId: string }) => [event.action, event.actorId]).reverse(),
      ).toEqual([
        ['invitation.created', admin.user.id],
        ['invitation.accepted', member.user.id],
      ]);
      const revoked = await auditOf(admin, `entityId=${invitation.body.id}`);
      expect(
        revoked.map((event: { action: string; entityName: string }) => [event.action, event.entityName]).reverse(),
      ).toEqual([
        ['invitation.created', email],
        ['invitation.revoked', email],
      ]);
      const [policyEvent] = await auditOf(admin, 'action=policy.updated');
      expect(policyEvent).toMatchObject({
        actorId: admin.user.id,
        entityType: 'policy',
        entityId: admin.user.organizationId,
        entityName: 'Travel policy',
        data: { version: updated.body.version, changed: ['minAdvanceBookingDays'] },
      });
      // The other organization sees none of it.
      expect(await auditOf(other, 'action=policy.updated')).toEqual([]);
      expect(await auditOf(other, `entityId=${member.user.id}`)).toEqual([]);
    });
  });
});
