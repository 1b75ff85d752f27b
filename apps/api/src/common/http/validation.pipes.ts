import { ArgumentMetadata, Injectable, ParseUUIDPipe, ValidationPipe } from '@nestjs/common';
import { FieldErrorCode } from '../errors/error-codes';
import { fieldErrorsOf, ValidationFailedError } from '../errors/validation-failed';

/** The global pipe: DTOs validated, unknown fields refused, and refusals listed field by field. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailedError(fieldErrorsOf(errors)),
  });
}

/** ParseUUIDPipe whose refusal names the parameter, like a DTO field's. */
@Injectable()
export class UuidParamPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    try {
      return await super.transform(value, metadata);
    } catch {
      const field = metadata.data ?? 'id';
      throw new ValidationFailedError([
        { field, code: FieldErrorCode.InvalidFormat, message: `${field} must be a UUID` },
      ]);
    }
  }
}
