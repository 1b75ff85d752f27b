import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ResilientThrottlerStorage } from './resilient-throttler.storage';
import { createThrottlerStorage, throttlerOptions } from './throttling';

/** Holds the counter storage as a provider, so its Redis connection closes with the app. */
@Module({
  providers: [{ provide: ResilientThrottlerStorage, inject: [APP_CONFIG], useFactory: createThrottlerStorage }],
  exports: [ResilientThrottlerStorage],
})
class ThrottlerStorageModule {}

export const ThrottlingModule = ThrottlerModule.forRootAsync({
  imports: [ThrottlerStorageModule],
  inject: [APP_CONFIG, ResilientThrottlerStorage],
  useFactory: (config: AppConfig, storage: ResilientThrottlerStorage) => throttlerOptions(config, storage),
});
