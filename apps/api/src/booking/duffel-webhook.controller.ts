import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { rawJsonOf } from '../common/http/json-body';
import { DuffelWebhookService } from './duffel-webhook.service';

class WebhookReceivedResponse {
  @ApiProperty({ enum: [true] }) received: true;
  @ApiProperty({ description: "What it did: the booking's new status, `duplicate`, `ignored`, `unknown_order`, …" })
  outcome: string;
}

/** Duffel's webhook: no user, so no token; the signature over the raw body is the authentication. */
@ApiTags('webhooks')
@Controller('webhooks')
export class DuffelWebhookController {
  constructor(private readonly webhooks: DuffelWebhookService) {}

  @ApiOperation({ summary: 'Duffel webhook events (order created / creation failed / airline-initiated change, ping)' })
  @Post('duffel')
  @Public()
  @HttpCode(200)
  @ApiErrors(400, 401)
  @ApiHeader({
    name: 'X-Duffel-Signature',
    required: true,
    description: '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`',
  })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: true,
      description: "Duffel's event: `{ id, type, data: { object } }`",
    },
  })
  @ApiOkResponse({
    type: WebhookReceivedResponse,
    description: 'Handled, or a delivery of an event handled before (nothing changes)',
  })
  receive(@Req() request: FastifyRequest, @Headers('x-duffel-signature') signature: string | undefined) {
    return this.webhooks.receive(rawJsonOf(request), signature);
  }
}
