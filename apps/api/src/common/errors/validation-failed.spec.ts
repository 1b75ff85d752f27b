import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { SetExchangeRatesDto } from '../../currency/dto/exchange-rate.dto';
import { apiValidationPipe } from '../http/validation.pipes';
import { FieldErrorCode } from './error-codes';
import { CODE_OF_CONSTRAINT, ValidationFailedError } from './validation-failed';

const SOURCE_ROOT = join(__dirname, '../..');

function dtoFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return dtoFiles(path);
    return entry.name.endsWith('.dto.ts') ? [path] : [];
  });
}

/** The constraint names every DTO of the API can report (what class-validator puts in `constraints`). */
async function constraintNamesInUse(): Promise<Set<string>> {
  await Promise.all(dtoFiles(SOURCE_ROOT).map((file) => import(file)));
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, Array<{ type: string; name?: string; constraintCls: Function }>>;
  };
  const names = new Set<string>();
  for (const metadatas of storage.validationMetadatas.values()) {
    for (const metadata of metadatas) {
      if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
        for (const constraint of getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls))
          names.add(constraint.name);
      } else if (metadata.type === ValidationTypes.NESTED_VALIDATION || metadata.type === ValidationTypes.IS_DEFINED) {
        names.add(metadata.type);
      }
    }
  }
  return names;
}

async function refusalOf(body: unknown): Promise<ValidationFailedError> {
  try {
    await apiValidationPipe().transform(body, { type: 'body', metatype: SetExchangeRatesDto });
  } catch (error) {
    if (error instanceof ValidationFailedError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

describe('validation failures, field by field', () => {
  it('names each refused field by its dotted path, with a stable code and the message Nest sends', async () => {
    const refusal = await refusalOf({
      rates: [
        { currency: 'USD', rate: '1.1', date: '2026-03-13', source: 'x' },
        { currency: 'usd!', rate: 1, date: '13/03/2026', colour: 'red' },
      ],
      extra: true,
    });
    expect(refusal.errors).toEqual(
      expect.arrayContaining([
        { field: 'extra', code: FieldErrorCode.NotAllowed, message: 'property extra should not exist' },
        {
          field: 'rates.1.currency',
          code: FieldErrorCode.InvalidFormat,
          message: 'rates.1.currency must be a valid ISO4217 currency code',
        },
        {
          field: 'rates.1.rate',
          code: FieldErrorCode.InvalidFormat,
          message: expect.stringMatching(/^rates\.1\.rate must be a decimal string/),
        },
        {
          field: 'rates.1.date',
          code: FieldErrorCode.InvalidFormat,
          message: 'rates.1.date must be a date YYYY-MM-DD',
        },
        { field: 'rates.1.source', code: FieldErrorCode.Required, message: 'rates.1.source must be a string' },
        {
          field: 'rates.1.colour',
          code: FieldErrorCode.NotAllowed,
          message: 'rates.1.property colour should not exist',
        },
      ]),
    );
    expect(refusal.errors.some((error) => error.field.startsWith('rates.0'))).toBe(false);
    expect(refusal.messages).toEqual(refusal.errors.map((error) => error.message));
  });

  it('says TOO_LONG, TOO_SHORT and WRONG_TYPE for the rules of those names', async () => {
    expect((await refusalOf({ rates: [] })).errors).toEqual([
      { field: 'rates', code: FieldErrorCode.TooShort, message: 'rates must contain at least 1 elements' },
    ]);
    expect((await refusalOf({ rates: 'USD' })).errors.map((error) => error.code)).toContain(FieldErrorCode.WrongType);
    const long = await refusalOf({
      rates: [{ currency: 'USD', rate: '1.1', date: '2026-03-13', source: 'x'.repeat(201) }],
    });
    expect(long.errors).toEqual([
      {
        field: 'rates.0.source',
        code: FieldErrorCode.TooLong,
        message: 'rates.0.source must be shorter than or equal to 200 characters',
      },
    ]);
  });

  it('has a code for every validation rule any DTO of the API uses', async () => {
    const inUse = await constraintNamesInUse();
    // The DTOs were loaded: the rules of the auth and trip DTOs are among them.
    expect([...inUse]).toEqual(
      expect.arrayContaining(['isAcceptablePassword', 'isUuid', 'maxLength', 'nestedValidation']),
    );
    const unmapped = [...inUse].filter((name) => !(name in CODE_OF_CONSTRAINT));
    expect(unmapped).toEqual([]);
  });
});
