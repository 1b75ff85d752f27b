import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AttemptCounters } from './attempt-counters';
import { ResilientThrottlerStorage } from './resilient-throttler.storage';
import { ThrottleRedis, throttlerOptions } from './throttling';

/**
 * The counter storages as providers, sharing one Redis connection that closes with the app. Global,
 * so the login throttle (in the auth module) counts in the same place as the throttler.
 */
@Global()
@Module({
  providers: [
    {
      provide: ThrottleRedis,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ThrottleRedis(config.redisUrl),
    },
    {
      provide: ResilientThrottlerStorage,
      inject: [APP_CONFIG, ThrottleRedis],
      useFactory: (config: AppConfig, redis: ThrottleRedis) =>
        new ResilientThrottlerStorage(
          redis.client ? new ThrottlerStorageRedisService(redis.client) : undefined,
          config.throttle.keyPrefix,
        ),
    },
    {
      provide: AttemptCounters,
      inject: [APP_CONFIG, ThrottleRedis],
      useFactory: (config: AppConfig, redis: ThrottleRedis) =>
        new AttemptCounters(redis.client, config.throttle.keyPrefix),
    },
  ],
  exports: [ResilientThrottlerStorage, AttemptCounters],
})
class ThrottlerStorageModule {}

export const ThrottlingModule = ThrottlerModule.forRootAsync({
  imports: [ThrottlerStorageModule],
  inject: [APP_CONFIG, ResilientThrottlerStorage],
  useFactory: (config: AppConfig, storage: ResilientThrottlerStorage) => throttlerOptions(config, storage),
});
