import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Socket } from 'socket.io-client';
import { collaborationKeys } from '../api/collaboration';
import type { LiveEvent } from './live-events';
import { openLiveSocket, type LiveSocketHandlers } from './live-socket';
import { useNotificationsLive } from './use-notifications-live';

jest.mock('./live-socket', () => ({ openLiveSocket: jest.fn() }));
const open = openLiveSocket as jest.MockedFunction<typeof openLiveSocket>;

describe('useNotificationsLive', () => {
  const close = jest.fn();
  let handlers: LiveSocketHandlers;
  const client = new QueryClient();
  const invalidate = jest.spyOn(client, 'invalidateQueries');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const event = { id: 'e1', tripId: 't1', actorId: 'u2', occurredAt: '2026-12-06T08:00:00Z' } as LiveEvent;
  const refetchedNotifications = () =>
    invalidate.mock.calls.filter(([filters]) => filters?.queryKey === collaborationKeys.notifications).length;

  beforeEach(() => {
    invalidate.mockClear();
    open.mockImplementation((given) => {
      handlers = given;
      return close;
    });
  });

  it('refetches the bell on notification.created only, and reports the connection so polling stops', async () => {
    const { result, unmount } = renderHook(() => useNotificationsLive(), { wrapper });
    expect(result.current).toBe(false);
    await act(() => handlers.onConnect?.({} as Socket, false));
    expect(result.current).toBe(true);
    expect(refetchedNotifications()).toBe(0);

    act(() => handlers.onEvent('comment.created', event));
    expect(refetchedNotifications()).toBe(0);
    act(() => handlers.onEvent('notification.created', event));
    expect(refetchedNotifications()).toBe(1);

    act(() => handlers.onDisconnect?.());
    expect(result.current).toBe(false);
    unmount();
    expect(close).toHaveBeenCalled();
  });

  it('catches up after a reconnection, since missed events are not replayed', async () => {
    renderHook(() => useNotificationsLive(), { wrapper });
    await act(() => handlers.onConnect?.({} as Socket, true));
    expect(refetchedNotifications()).toBe(1);
  });
});
