import { EventEmitter } from 'node:events';
import { io } from 'socket.io-client';
import { openLiveSocket, type LiveSocketHandlers } from './live-socket';

jest.mock('socket.io-client', () => ({ io: jest.fn() }));
jest.mock('../session/session-client', () => ({
  getAccessToken: () => 'token',
  refreshAccessToken: async () => 'token',
}));

/** Enough of a socket.io client socket: events in, `emit` and `close` recorded. */
class FakeSocket extends EventEmitter {
  connected = false;
  active = true;
  emitted: unknown[][] = [];
  closed = false;
  private anyListeners: ((name: string, event: unknown) => void)[] = [];
  onAny(listener: (name: string, event: unknown) => void) {
    this.anyListeners.push(listener);
  }
  override emit(name: string, ...args: unknown[]): boolean {
    this.emitted.push([name, ...args]);
    return true;
  }
  /** What the server would do: fire a socket event at the client's listeners. */
  fire(name: string, ...args: unknown[]) {
    if (name === 'connect') this.connected = true;
    if (name === 'disconnect') this.connected = false;
    super.emit(name, ...args);
    if (!['connect', 'disconnect', 'connect_error'].includes(name))
      this.anyListeners.forEach((listener) => listener(name, args[0]));
  }
  close() {
    this.closed = true;
  }
}

const ioMock = io as jest.MockedFunction<typeof io>;
const flush = () => new Promise((resolve) => setTimeout(resolve, 5));
const handlers = (): jest.Mocked<LiveSocketHandlers> => ({
  onConnect: jest.fn(),
  onDisconnect: jest.fn(),
  onUnsubscribe: jest.fn(),
  onEvent: jest.fn(),
});

describe('openLiveSocket: one socket per tab', () => {
  let sockets: FakeSocket[];
  beforeEach(() => {
    sockets = [];
    ioMock.mockReset().mockImplementation((() => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    }) as never);
  });

  it('shares one connection between the parts of the page, and closes it with the last one', async () => {
    const bell = handlers();
    const trip = handlers();
    const closeBell = openLiveSocket(bell);
    const closeTrip = openLiveSocket(trip);
    await flush();
    expect(sockets).toHaveLength(1);
    const [socket] = sockets;

    socket.fire('connect');
    expect(bell.onConnect).toHaveBeenCalledWith(socket, false);
    expect(trip.onConnect).toHaveBeenCalledWith(socket, false);
    socket.fire('comment.created', { id: 'e1' });
    expect(bell.onEvent).toHaveBeenCalledWith('comment.created', { id: 'e1' });
    expect(trip.onEvent).toHaveBeenCalledWith('comment.created', { id: 'e1' });

    // A part leaving while another stays: told to tidy up (leave its room), the socket stays.
    closeTrip();
    expect(trip.onUnsubscribe).toHaveBeenCalledWith(socket);
    expect(socket.closed).toBe(false);
    socket.fire('notification.created', { id: 'e2' });
    expect(trip.onEvent).not.toHaveBeenCalledWith('notification.created', expect.anything());

    closeBell();
    expect(socket.closed).toBe(true);
    expect(bell.onUnsubscribe).not.toHaveBeenCalled();
  });

  it('calls a part that subscribes to a socket already up at once, and every part again after a reconnection', async () => {
    const bell = handlers();
    const closeBell = openLiveSocket(bell);
    await flush();
    const [socket] = sockets;
    socket.fire('connect');
    const trip = handlers();
    const closeTrip = openLiveSocket(trip);
    expect(trip.onConnect).toHaveBeenCalledWith(socket, false);

    socket.fire('disconnect', 'transport close');
    expect(bell.onDisconnect).toHaveBeenCalled();
    expect(trip.onDisconnect).toHaveBeenCalled();
    socket.fire('connect');
    expect(bell.onConnect).toHaveBeenLastCalledWith(socket, true);
    expect(trip.onConnect).toHaveBeenLastCalledWith(socket, true);
    closeTrip();
    closeBell();
    expect(sockets).toHaveLength(1);
  });

  it('opens a new connection for the next subscriber once the last one has closed it', async () => {
    openLiveSocket(handlers())();
    const close = openLiveSocket(handlers());
    await flush();
    expect(sockets).toHaveLength(1);
    close();
    expect(sockets[0].closed).toBe(true);
  });
});
