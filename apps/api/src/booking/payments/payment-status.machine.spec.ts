import {
  IllegalPaymentTransitionError,
  PAYMENT_RANK,
  PAYMENT_STATUSES,
  type PaymentAction,
  paymentMovesForward,
  PaymentStatus,
  paymentTransition,
} from './payment-status.machine';

const ACTIONS: PaymentAction[] = ['authorise', 'authorised', 'fail', 'capture', 'cancel', 'refund', 'refund_partially'];

describe('payment status machine', () => {
  it('walks the happy path: none → authorising → authorised → captured → refunded', () => {
    let status = PaymentStatus.None;
    for (const action of ['authorise', 'authorised', 'capture', 'refund'] as PaymentAction[]) {
      status = paymentTransition(status, action);
    }
    expect(status).toBe(PaymentStatus.Refunded);
  });

  it('releases a hold (authorised → cancelled) and fails a refused authorisation (authorising → failed)', () => {
    expect(paymentTransition(PaymentStatus.Authorised, 'cancel')).toBe(PaymentStatus.Cancelled);
    expect(paymentTransition(PaymentStatus.Authorising, 'fail')).toBe(PaymentStatus.Failed);
    expect(paymentTransition(PaymentStatus.Captured, 'refund_partially')).toBe(PaymentStatus.PartiallyRefunded);
    expect(paymentTransition(PaymentStatus.PartiallyRefunded, 'refund')).toBe(PaymentStatus.Refunded);
  });

  it('refuses steps from the wrong status', () => {
    expect(() => paymentTransition(PaymentStatus.None, 'capture')).toThrow(IllegalPaymentTransitionError);
    expect(() => paymentTransition(PaymentStatus.Captured, 'cancel')).toThrow('cannot cancel a captured payment');
    expect(() => paymentTransition(PaymentStatus.Failed, 'authorised')).toThrow(IllegalPaymentTransitionError);
    expect(() => paymentTransition(PaymentStatus.Cancelled, 'capture')).toThrow(IllegalPaymentTransitionError);
    expect(() => paymentTransition(PaymentStatus.Refunded, 'refund_partially')).toThrow(IllegalPaymentTransitionError);
  });

  it('never moves a payment backwards: no legal step lowers its rank, and finished payments take none', () => {
    for (const from of PAYMENT_STATUSES) {
      for (const action of ACTIONS) {
        let to: PaymentStatus;
        try {
          to = paymentTransition(from, action);
        } catch {
          continue;
        }
        expect(PAYMENT_RANK[to]).toBeGreaterThanOrEqual(PAYMENT_RANK[from]);
      }
    }
    for (const done of [PaymentStatus.Failed, PaymentStatus.Cancelled, PaymentStatus.Refunded]) {
      expect(ACTIONS.filter((action) => paymentMovesForward(done, action))).toEqual([]);
    }
  });

  it('tells a late event from a forward one', () => {
    // payment_intent.payment_failed after the capture: stale.
    expect(paymentMovesForward(PaymentStatus.Captured, 'fail')).toBe(false);
    // payment_intent.succeeded before our own `authorised` write: forward.
    expect(paymentMovesForward(PaymentStatus.Authorising, 'capture')).toBe(true);
    // A second delivery of the same partial refund: not forward.
    expect(paymentMovesForward(PaymentStatus.PartiallyRefunded, 'refund_partially')).toBe(false);
    expect(paymentMovesForward(PaymentStatus.PartiallyRefunded, 'refund')).toBe(true);
  });
});
