import { redisChannelKey } from './realtime-io.adapter';

describe('redisChannelKey', () => {
  it("keys a deployment's Redis channels by its database, so two deployments on one Redis stay apart", () => {
    expect(redisChannelKey({ connectionString: 'postgres://nestmap@db.internal:5432/nestmap' })).toBe(
      'nestmap_socket_io#nestmap',
    );
    expect(redisChannelKey({ connectionString: 'postgres://nestmap@db.internal:5432/nestmap_staging' })).toBe(
      'nestmap_socket_io#nestmap_staging',
    );
    expect(redisChannelKey({ database: 'travel' })).toBe('nestmap_socket_io#travel');
  });

  it('reads the name from a socket-style or escaped connection string, and falls back to the bare prefix', () => {
    expect(redisChannelKey({ connectionString: 'postgres:///nest%20map?host=/var/run/postgresql' })).toBe(
      'nestmap_socket_io#nest map',
    );
    expect(redisChannelKey({})).toBe('nestmap_socket_io');
  });
});
