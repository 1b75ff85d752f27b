import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { isUUID } from 'class-validator';
import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import { AccessTokenVerifier, type VerifiedSession } from '../auth/access-token.verifier';
import { DomainError } from '../common/errors/domain-error';
import { AuthErrorCode, CommonErrorCode } from '../common/errors/error-codes';
import { TripAccessService } from '../trips/trip-access.service';
import { UsersRepository } from '../users/users.repository';
import { CLUSTER_QUERY_TIMEOUT_MS, realtimeServerOptions } from './realtime-server.options';
import { sessionRoom, tripRoom, userRoom } from './realtime-events';

/** `socket.data`: what other processes see of a connection (fetchSockets), so nothing secret. */
export interface SocketData {
  /** What presence shows of this connection. */
  viewer: Viewer;
}

/** A connection's own state, in this process only. */
interface Connection {
  session: VerifiedSession;
  /** The current access token: each trip join verifies it again (role, revocation). */
  token: string;
  trips: Set<string>;
  timers: NodeJS.Timeout[];
}

export interface Viewer {
  id: string;
  name: string;
}

type LiveSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

/** A refusal as acks carry it: the API's error codes (docs/errors.md). */
export type Refusal = { error: { code: string; message: string } };
const refusal = (code: string, message: string): Refusal => ({ error: { code, message } });
const TRIP_NOT_FOUND = refusal(CommonErrorCode.NotFound, 'Trip not found');

/** Between API processes (socket.io's server-side emit): re-check who may stay in a trip's room. */
const RECHECK_TRIP_ROOM = 'trip.recheck';

/** How long before its token expires a connection is asked for a fresh one (at most half its lifetime). */
const REAUTH_LEAD_MS = 60_000;

/**
 * Live updates (docs/realtime.md): socket.io on the API's port under /api/socket.io, WebSocket
 * transport only. A connection authenticates in the handshake with an access token, lives in its
 * user's and its session's rooms, joins trip rooms through the trip `view` check, is asked for a
 * new token before its token expires and is dropped when it expires. Domain events reach the rooms
 * through RealtimePublisher, after their transaction commits.
 */
@WebSocketGateway(realtimeServerOptions())
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly connections = new WeakMap<LiveSocket, Connection>();
  @WebSocketServer() server!: Server;

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly access: TripAccessService,
    private readonly users: UsersRepository,
  ) {}

  /** Nest's guards do not run on a connection: the handshake is checked by socket.io middleware. */
  afterInit(server: Server): void {
    server.on(RECHECK_TRIP_ROOM, (tripId: string) => void this.recheckLocalRoom(tripId));
    server.use((socket, next) => {
      this.authenticate(socket as LiveSocket, socket.handshake.auth?.token).then(
        (refused) =>
          next(refused ? Object.assign(new Error(refused.error.message), { data: refused.error }) : undefined),
        (error: unknown) => {
          this.logger.warn({ err: error instanceof Error ? error.message : error }, 'socket authentication failed');
          next(Object.assign(new Error('Service unavailable'), { data: { code: CommonErrorCode.ServiceUnavailable } }));
        },
      );
    });
  }

  handleConnection(socket: LiveSocket): void {
    const { ctx, sessionId } = this.connection(socket).session;
    void socket.join([userRoom(ctx.userId), sessionRoom(sessionId)]);
    this.scheduleExpiry(socket);
  }

  handleDisconnect(socket: LiveSocket): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    connection.timers.forEach(clearTimeout);
    for (const tripId of connection.trips) void this.announcePresence(tripId);
  }

  /** Joins a trip's room: whoever may view the trip. Anything else is the answer a missing trip gets. */
  @SubscribeMessage('trip.join')
  async joinTrip(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
  ): Promise<{ viewers: Viewer[] } | Refusal> {
    const tripId = (body as { tripId?: unknown } | null)?.tripId;
    if (typeof tripId !== 'string' || !isUUID(tripId)) return TRIP_NOT_FOUND;
    const connection = this.connection(socket);
    try {
      const session = await this.verifier.verifySession(connection.token);
      if (typeof session === 'string') return refusal(AuthErrorCode.TokenExpired, 'Authenticate again');
      await this.access.require(session.ctx, tripId, 'view');
    } catch (error) {
      if (error instanceof DomainError && error.code === CommonErrorCode.NotFound) return TRIP_NOT_FOUND;
      this.logger.warn({ err: error instanceof Error ? error.message : error }, 'trip room join failed');
      return refusal(CommonErrorCode.ServiceUnavailable, 'Try again later');
    }
    await socket.join(tripRoom(tripId));
    connection.trips.add(tripId);
    return { viewers: await this.announcePresence(tripId) };
  }

  @SubscribeMessage('trip.leave')
  async leaveTrip(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<{ left: boolean }> {
    const tripId = (body as { tripId?: unknown } | null)?.tripId;
    if (typeof tripId !== 'string' || !this.connection(socket).trips.delete(tripId)) return { left: false };
    await socket.leave(tripRoom(tripId));
    await this.announcePresence(tripId);
    return { left: true };
  }

  /** A fresh access token for the same user, sent when asked (`auth.expiring`): the connection lives on. */
  @SubscribeMessage('auth')
  async reauthenticate(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
  ): Promise<{ expiresAt: string } | Refusal> {
    const token = (body as { token?: unknown } | null)?.token;
    const previous = this.connection(socket).session;
    const refused = await this.authenticate(socket, token, previous.ctx.userId);
    if (refused) {
      // After the answer has gone out.
      setImmediate(() => socket.disconnect(true));
      return refused;
    }
    const { sessionId, expiresAt } = this.connection(socket).session;
    if (sessionId !== previous.sessionId) {
      await socket.leave(sessionRoom(previous.sessionId));
      await socket.join(sessionRoom(sessionId));
    }
    this.scheduleExpiry(socket);
    return { expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * After a change that may take someone's view of a trip away (a collaborator removed, the
   * travellers edited): every API process checks `view` again for its own sockets in the trip's
   * room, and those that lost it leave, so they receive nothing more of the trip.
   */
  async recheckTripRoom(tripId: string): Promise<void> {
    this.server.serverSideEmit(RECHECK_TRIP_ROOM, tripId); // to the other processes, not this one
    await this.recheckLocalRoom(tripId);
  }

  private async recheckLocalRoom(tripId: string): Promise<void> {
    const room = tripRoom(tripId);
    const members = [...(this.server.sockets.adapter.rooms.get(room) ?? [])];
    let left = false;
    for (const socketId of members) {
      const socket = this.server.sockets.sockets.get(socketId) as LiveSocket | undefined;
      const connection = socket && this.connections.get(socket);
      if (!socket || !connection || (await this.mayView(connection, tripId))) continue;
      await socket.leave(room);
      connection.trips.delete(tripId);
      left = true;
    }
    if (left) await this.announcePresence(tripId);
  }

  /** Whether the connection's user may still view the trip; a failure to tell keeps them (logged). */
  private async mayView(connection: Connection, tripId: string): Promise<boolean> {
    try {
      await this.access.require(connection.session.ctx, tripId, 'view');
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === CommonErrorCode.NotFound) return false;
      this.logger.warn({ err: error instanceof Error ? error.message : error }, 'trip room re-check failed');
      return true;
    }
  }

  /** Verifies a token and keeps it on the socket; a refusal says why (expired tokens can be refreshed). */
  private async authenticate(socket: LiveSocket, token: unknown, sameUserId?: string): Promise<Refusal | undefined> {
    const session = typeof token === 'string' ? await this.verifier.verifySession(token) : 'invalid';
    if (session === 'expired') return refusal(AuthErrorCode.TokenExpired, 'The access token has expired');
    if (session === 'invalid' || (sameUserId && session.ctx.userId !== sameUserId))
      return refusal(CommonErrorCode.Unauthenticated, 'Missing, invalid or expired access token');
    socket.data.viewer ??= {
      id: session.ctx.userId,
      name: (await this.users.getById(session.ctx, session.ctx.userId)).name,
    };
    const previous = this.connections.get(socket);
    this.connections.set(socket, {
      session,
      token: token as string,
      trips: previous?.trips ?? new Set(),
      timers: previous?.timers ?? [],
    });
    return undefined;
  }

  /** Asks for a new token ahead of expiry, and drops the connection if none came when it expires. */
  private scheduleExpiry(socket: LiveSocket): void {
    const connection = this.connection(socket);
    connection.timers.forEach(clearTimeout);
    // setTimeout takes at most 2^31 - 1 ms (24.8 days); tokens live minutes.
    const left = Math.min(connection.session.expiresAt - Date.now(), 2 ** 31 - 1);
    const expiresAt = new Date(connection.session.expiresAt).toISOString();
    connection.timers = [
      setTimeout(
        () => socket.emit('auth.expiring', { expiresAt }),
        Math.max(0, left - Math.min(REAUTH_LEAD_MS, left / 2)),
      ),
      setTimeout(() => {
        socket.emit('auth.expired', { expiresAt });
        socket.disconnect(true);
      }, left),
    ];
  }

  /** Every socket past the middleware has one. */
  private connection(socket: LiveSocket): Connection {
    return this.connections.get(socket)!;
  }

  /** Tells a trip's room who is looking at it now, across every API process; returns the list. */
  private async announcePresence(tripId: string): Promise<Viewer[]> {
    try {
      const sockets = await this.server.in(tripRoom(tripId)).timeout(CLUSTER_QUERY_TIMEOUT_MS).fetchSockets();
      const viewers = new Map<string, Viewer>();
      for (const { data } of sockets) if (data?.viewer) viewers.set(data.viewer.id, data.viewer);
      const list = [...viewers.values()];
      this.server.to(tripRoom(tripId)).emit('presence', { tripId, viewers: list });
      return list;
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : error }, 'presence could not be gathered');
      return [];
    }
  }
}
