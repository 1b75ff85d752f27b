import { brandName, paymentLabel, refundDestination } from './payment-label';

const card = {
  method: 'card' as const,
  card: { brand: 'visa', last4: '4242' },
  captured: null,
  refunded: null,
  failureCode: null,
};

describe('paymentLabel', () => {
  it('says "Invoiced" for a booking on the monthly statement', () => {
    expect(paymentLabel({ ...card, method: 'invoice', status: 'none', card: null })).toBe('Invoiced');
  });

  it('names the card by brand and last four, with where its payment stands', () => {
    expect(paymentLabel({ ...card, status: 'authorised' })).toBe('Visa ···· 4242 authorised');
    expect(paymentLabel({ ...card, status: 'captured' })).toBe('Visa ···· 4242 charged');
    expect(paymentLabel({ ...card, status: 'refunded' })).toBe('Visa ···· 4242 refunded');
    expect(paymentLabel({ ...card, status: 'partially_refunded' })).toBe('Visa ···· 4242 partly refunded');
    expect(paymentLabel({ ...card, status: 'cancelled' })).toBe('Visa ···· 4242 hold released, not charged');
    expect(paymentLabel({ ...card, status: 'failed', card: null })).toBe('Card not charged');
  });

  it('spells known brands and hides unknown codes', () => {
    expect(brandName('amex')).toBe('American Express');
    expect(brandName('something_new')).toBe('Card');
  });

  it('says where a refund goes: the card charged, or the organization balance', () => {
    expect(refundDestination({ ...card, status: 'captured' })).toBe('Visa ···· 4242');
    expect(refundDestination({ ...card, method: 'invoice', status: 'none', card: null })).toBe(
      'the organization’s balance',
    );
  });
});
