import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from './error-response.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (unknown fields are rejected)',
  402: 'The card payment was refused (PAYMENT_CARD_DECLINED, PAYMENT_AUTHENTICATION_REQUIRED): nothing was ordered',
  401: 'Missing, invalid or expired access token',
  403: 'Your role does not allow this action',
  404: 'Not found (or belongs to another organization)',
  409: 'Conflict',
  413: 'Body too large',
  422: 'Refused by a business rule',
  429: 'Rate limited (see Retry-After)',
  502: 'The AI model failed (AI_MODEL_ERROR)',
  503: 'A dependency (the database) is unavailable; AI_NOT_CONFIGURED when no AI model is configured',
  504: 'The AI model did not answer in time (AI_MODEL_TIMEOUT)',
};

/** Documents an authenticated route's error statuses in the OpenAPI document. */
export function ApiAuthenticated(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401, 503, ...statuses));
}

export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...[...new Set(statuses)].map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponse }),
    ),
  );
}
