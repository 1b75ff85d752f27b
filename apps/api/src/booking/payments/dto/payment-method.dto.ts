import { ApiProperty } from '@nestjs/swagger';

export class SavedCardResponse {
  @ApiProperty({ example: 'visa', description: "The card's brand as Stripe names it" }) brand: string;
  @ApiProperty({ example: '4242', description: 'The last four digits (the number never reaches NestMap)' })
  last4: string;
  @ApiProperty({ type: Number, nullable: true, example: 12 }) expMonth: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 2030 }) expYear: number | null;
}

export class PaymentMethodResponse {
  @ApiProperty({
    description: 'Card payments are on (STRIPE_SECRET_KEY set); off: every booking is invoiced monthly',
  })
  cardPayments: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "Stripe's publishable key (VITE_STRIPE_PUBLIC_KEY / NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY), if set",
  })
  publishableKey: string | null;
  @ApiProperty({
    type: SavedCardResponse,
    nullable: true,
    description: "The organization's card; null: bookings are invoiced to the organization",
  })
  card: SavedCardResponse | null;
}

export class CheckoutSessionResponse {
  @ApiProperty({ description: "Stripe Checkout's hosted page (setup mode): send the admin's browser there" })
  url: string;
  @ApiProperty({ example: 'cs_test_a1b2c3' }) sessionId: string;
}
