import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/auth.decorators';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { rawJsonOf } from '../../common/http/json-body';
import { StripeWebhookService } from './stripe-webhook.service';

class StripeWebhookReceivedResponse {
  @ApiProperty({ enum: [true] }) received: true;
  @ApiProperty({
    description: "What it did: the payment's new status, `card_saved`, `duplicate`, `stale:<status>`, `ignored`, …",
  })
  outcome: string;
}

/** Stripe's webhook: no user, so no token; the signature over the raw body is the authentication. */
@ApiTags('webhooks')
@Controller('webhooks')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  @ApiOperation({
    summary:
      'Stripe webhook events (payment_intent.*, charge.refunded, checkout.session.completed, setup_intent.succeeded)',
  })
  @Post('stripe')
  @Public()
  @HttpCode(200)
  @ApiErrors(400, 401)
  @ApiHeader({
    name: 'Stripe-Signature',
    required: true,
    description: '`t=<unix seconds>,v1=<hex HMAC-SHA256(STRIPE_WEBHOOK_SECRET, t + "." + raw body)>`',
  })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: true,
      description: "Stripe's event: `{ id, type, data: { object } }`",
    },
  })
  @ApiOkResponse({
    type: StripeWebhookReceivedResponse,
    description: 'Handled, or a delivery of an event handled before (nothing changes)',
  })
  receive(@Req() request: FastifyRequest, @Headers('stripe-signature') signature: string | undefined) {
    return this.webhooks.receive(rawJsonOf(request), signature);
  }
}
