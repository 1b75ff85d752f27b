'use client';

import type { Schemas } from '@nestmap/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';

export type PaymentMethod = Schemas['PaymentMethodResponse'];
export type BookingPayment = Schemas['BookingPaymentResponse'];

export const paymentKeys = { method: ['organization', 'payment-method'] as const };

/** Whether card payments are on, and the organization's saved card (admins only). */
export function usePaymentMethod() {
  return useQuery({
    queryKey: paymentKeys.method,
    queryFn: () => call(api.GET('/api/organizations/current/payment-method')),
  });
}

/** Opens Stripe Checkout (setup mode): the answer's URL is where the browser goes next. */
export function useStartCheckout() {
  return useMutation({
    mutationFn: () => call(api.POST('/api/organizations/current/payment-method/checkout-session')),
  });
}

export function useRemoveCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.DELETE('/api/organizations/current/payment-method')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentKeys.method }),
  });
}
