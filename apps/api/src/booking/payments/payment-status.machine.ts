/**
 * A card-paid booking's payment (docs/payments.md § States): one table like the booking's. The
 * booking request moves it forward as it authorises, orders and settles; Stripe's webhooks move it
 * too, but only forward: `paymentTransition` refuses any step whose `from` does not hold, and
 * `PAYMENT_RANK` lets a late or repeated event see that the payment has moved past it.
 */
export enum PaymentStatus {
  /** Invoiced to the organization, or a card payment not started yet. */
  None = 'none',
  /** Committed before the PaymentIntent is created: a hold may exist at Stripe. */
  Authorising = 'authorising',
  /** The card is held for the price (capture_method manual); the supplier is ordered next. */
  Authorised = 'authorised',
  /** The hold was charged when the supplier confirmed. */
  Captured = 'captured',
  /** The hold was released: the supplier refused, or the booking failed. Nothing was charged. */
  Cancelled = 'cancelled',
  /** Stripe refused the card (declined, authentication required) or did not answer: nothing held. */
  Failed = 'failed',
  /** Cancelled with a partial refund (the supplier's or the rate's). */
  PartiallyRefunded = 'partially_refunded',
  Refunded = 'refunded',
}

export const PAYMENT_STATUSES = Object.values(PaymentStatus);

/** How the booking is paid: by the organization's card through Stripe, or on the monthly statement. */
export const PAYMENT_METHODS = ['invoice', 'card'] as const;
export type PaymentMethodKind = (typeof PAYMENT_METHODS)[number];

export type PaymentAction = 'authorise' | 'authorised' | 'fail' | 'capture' | 'cancel' | 'refund' | 'refund_partially';

const { None, Authorising, Authorised, Captured, Cancelled, Failed, PartiallyRefunded, Refunded } = PaymentStatus;

const TRANSITIONS: Record<PaymentAction, { from: readonly PaymentStatus[]; to: PaymentStatus }> = {
  authorise: { from: [None], to: Authorising },
  authorised: { from: [Authorising], to: Authorised },
  // A declined card; or Stripe's answer never came (the hold, if any, is released when its webhook says so).
  fail: { from: [Authorising], to: Failed },
  // Captured from `authorising` too: a webhook may say so before the request that created it writes `authorised`.
  capture: { from: [Authorising, Authorised], to: Captured },
  cancel: { from: [Authorising, Authorised], to: Cancelled },
  refund_partially: { from: [Captured, PartiallyRefunded], to: PartiallyRefunded },
  refund: { from: [Captured, PartiallyRefunded], to: Refunded },
};

/**
 * How far a payment has got: an event that would move it to a rank not above its current one is
 * stale (a replay, or delivered out of order) and changes nothing.
 */
export const PAYMENT_RANK: Readonly<Record<PaymentStatus, number>> = {
  [None]: 0,
  [Authorising]: 1,
  [Authorised]: 2,
  [Failed]: 3,
  [Cancelled]: 3,
  [Captured]: 3,
  [PartiallyRefunded]: 4,
  [Refunded]: 5,
};

/** Nothing happens to these any more. */
export const FINAL_PAYMENT_STATUSES: readonly PaymentStatus[] = [Failed, Cancelled, Refunded];

export class IllegalPaymentTransitionError extends Error {
  constructor(
    readonly from: PaymentStatus,
    readonly action: PaymentAction,
  ) {
    super(`cannot ${action.replace('_', ' ')} a ${from} payment`);
    this.name = 'IllegalPaymentTransitionError';
  }
}

export function paymentTransition(from: PaymentStatus, action: PaymentAction): PaymentStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new IllegalPaymentTransitionError(from, action);
  return rule.to;
}

/** The statuses an action applies to (the compare-and-set's `WHERE payment_status IN (…)`). */
export function paymentSources(action: PaymentAction): readonly PaymentStatus[] {
  return TRANSITIONS[action].from;
}

/** Where an action leads. */
export function paymentTarget(action: PaymentAction): PaymentStatus {
  return TRANSITIONS[action].to;
}

/** Whether `action` moves a payment in `from` forward: false for a stale or repeated step. */
export function paymentMovesForward(from: PaymentStatus, action: PaymentAction): boolean {
  const rule = TRANSITIONS[action];
  return rule.from.includes(from) && PAYMENT_RANK[rule.to] > PAYMENT_RANK[from];
}
