import type { Schemas } from '@nestmap/api-client';

type BookingPayment = Schemas['BookingPaymentResponse'];

const CARD_STATES: Record<BookingPayment['status'], string> = {
  none: 'to be charged',
  authorising: 'being authorised',
  authorised: 'authorised',
  captured: 'charged',
  cancelled: 'hold released, not charged',
  failed: 'not charged',
  partially_refunded: 'partly refunded',
  refunded: 'refunded',
};

/** How a booking is paid, for people: "Invoiced", or "Visa ···· 4242 charged". */
export function paymentLabel(payment: BookingPayment): string {
  if (payment.method === 'invoice') return 'Invoiced';
  const brand = payment.card ? `${brandName(payment.card.brand)} ···· ${payment.card.last4}` : 'Card';
  return `${brand} ${CARD_STATES[payment.status]}`;
}

/** Where a cancelled booking's refund goes: the card it was charged to, or the organization's balance. */
export function refundDestination(payment: BookingPayment): string {
  if (payment.method === 'card' && payment.card) return `${brandName(payment.card.brand)} ···· ${payment.card.last4}`;
  return 'the organization’s balance';
}

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  cartes_bancaires: 'Cartes Bancaires',
};

/** Stripe's brand code as the card shows it ("visa" → "Visa"). */
export function brandName(brand: string): string {
  return BRANDS[brand] ?? 'Card';
}
