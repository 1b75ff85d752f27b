import { Controller, Get, Headers, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiExtension, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { mayReadMetrics } from './metrics-access';
import { MetricsService } from './metrics.service';

/** Prometheus scrape target. Not for browsers: loopback, or `Authorization: Bearer $METRICS_TOKEN`. */
@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics of this process',
    description:
      'Served to loopback callers, or to others with `Authorization: Bearer <METRICS_TOKEN>`; 404 to anyone else.',
  })
  @ApiExtension('x-access', 'loopback or METRICS_TOKEN')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4' })
  @ApiNotFoundResponse({ description: 'Not a loopback caller and no valid METRICS_TOKEN' })
  async scrape(
    @Req() request: FastifyRequest,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!mayReadMetrics(request.ip, authorization, this.config.metrics.token)) throw new NotFoundException();
    const { contentType, body } = await this.metrics.render();
    reply.type(contentType);
    return body;
  }
}
