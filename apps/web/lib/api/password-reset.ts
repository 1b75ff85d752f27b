import { api, call } from './client';

/** Asks for a reset link; the API answers the same whether or not the address has an account. */
export function requestPasswordReset(email: string) {
  return call(api.POST('/api/auth/password-reset/request', { body: { email } }));
}

/** Sets a new password with the token of a reset link; every session of the account ends. */
export function resetPassword(token: string, password: string) {
  return call(api.POST('/api/auth/password-reset/confirm', { body: { token, password } }));
}
