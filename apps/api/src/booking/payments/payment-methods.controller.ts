import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context';
import { Auth, Roles } from '../../common/auth/auth.decorators';
import { UserRole } from '../../common/auth/user-role';
import { ApiAuthenticated } from '../../common/http/api-errors.decorator';
import { CheckoutSessionResponse, PaymentMethodResponse } from './dto/payment-method.dto';
import { PaymentMethodsService } from './payment-methods.service';

/** The organization's card for booking payments (docs/payments.md): admins only. */
@ApiTags('payments')
@ApiAuthenticated(403)
@Controller('organizations/current/payment-method')
export class PaymentMethodsController {
  constructor(private readonly methods: PaymentMethodsService) {}

  @ApiOperation({ summary: "Whether card payments are on, and the organization's saved card (brand, last four)" })
  @Get()
  @Roles([UserRole.Admin])
  @ApiOkResponse({ type: PaymentMethodResponse })
  get(@Auth() ctx: AuthContext) {
    return this.methods.get(ctx);
  }

  @ApiOperation({
    summary: 'Open Stripe Checkout (setup mode) to add or replace the organization card',
    description:
      'Answers the hosted page to send the browser to; the card is recorded when Stripe says so (webhook). 422 PAYMENT_NOT_CONFIGURED without Stripe.',
  })
  @Post('checkout-session')
  @Roles([UserRole.Admin])
  @ApiAuthenticated(422)
  @ApiCreatedResponse({ type: CheckoutSessionResponse })
  checkout(@Auth() ctx: AuthContext) {
    return this.methods.startCheckout(ctx);
  }

  @ApiOperation({ summary: 'Remove the organization card: bookings are invoiced from now on' })
  @Delete()
  @Roles([UserRole.Admin])
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed (or there was none)' })
  async remove(@Auth() ctx: AuthContext): Promise<void> {
    await this.methods.remove(ctx);
  }
}
