import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/auth.decorators';
import { DatabaseProbe } from './database-probe';

const PING_TIMEOUT_MS = 1000;
const MB = 1024 * 1024;

class MemoryUsage {
  @ApiProperty({ description: 'Heap used, MB' }) used: number;
  @ApiProperty({ description: 'Heap total, MB' }) total: number;
}

export class HealthResponse {
  @ApiProperty({ enum: ['healthy', 'unhealthy'] }) status: 'healthy' | 'unhealthy';
  @ApiProperty({ description: 'Process uptime, seconds' }) uptime: number;
  @ApiProperty({ type: MemoryUsage }) memory: MemoryUsage;
  @ApiProperty({ enum: ['connected', 'disconnected'] }) database: 'connected' | 'disconnected';
  @ApiProperty({ type: String, format: 'date-time' }) timestamp: string;
}

/** For monitoring probes: open, never rate limited, never slower than the ping timeout. */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseProbe,
  ) {}

  @ApiOperation({ summary: 'Health summary for monitoring probes' })
  @Get()
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'PostgreSQL does not answer' })
  async status(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const connected = await this.database.answers(PING_TIMEOUT_MS);
    const memory = process.memoryUsage();
    reply.status(connected ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: connected ? 'healthy' : 'unhealthy',
      uptime: Math.round(process.uptime()),
      memory: { used: Math.round(memory.heapUsed / MB), total: Math.round(memory.heapTotal / MB) },
      database: connected ? 'connected' : 'disconnected',
      timestamp: new Date().toISOString(),
    };
  }

  /** Liveness: the process answers. No dependency is checked, so a database outage never triggers restarts. */
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Readiness: the database answers, and the process is not shutting down. A 503 keeps terminus's
   * body (`error.database.status: "down"`) for orchestrators rather than the API's error shape.
   */
  @ApiOperation({ summary: 'Readiness: the database answers and the process is not shutting down' })
  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    const database = async () => {
      const indicator = this.indicators.check('database');
      return (await this.database.answers(PING_TIMEOUT_MS)) ? indicator.up() : indicator.down();
    };
    return this.health.check([database]).catch((error: unknown) => {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as HealthCheckResult;
    });
  }
}
