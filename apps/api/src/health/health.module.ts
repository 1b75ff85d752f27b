import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseProbe } from './database-probe';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ gracefulShutdownTimeoutMs: 0, errorLogStyle: 'pretty' })],
  controllers: [HealthController],
  providers: [DatabaseProbe],
})
export class HealthModule {}
