/** The header every /session/* call carries; the server refuses cookie-using calls without it. */
export const CSRF_HEADER = 'X-NestMap-CSRF';
