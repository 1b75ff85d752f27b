import { ApiError, describeError, hasErrorCode, isStaleVersion, splitFieldErrors, toApiError } from './api-error';

const headers = (values: Record<string, string> = {}) => new Headers(values);

describe('toApiError', () => {
  it("reads the API's error shape: message(s), code, field errors and request id", () => {
    const one = toApiError(
      { status: 409, headers: headers() },
      { statusCode: 409, message: 'Conflict here', code: 'TRIP_NOT_EDITABLE', requestId: 'r1' },
    );
    expect(one).toMatchObject({ status: 409, messages: ['Conflict here'], code: 'TRIP_NOT_EDITABLE', requestId: 'r1' });
    const many = toApiError(
      { status: 400, headers: headers() },
      {
        code: 'VALIDATION_FAILED',
        message: ['title should not be empty', 'endDate must be a date'],
        errors: [
          { field: 'title', code: 'REQUIRED', message: 'title should not be empty' },
          { field: 'endDate', code: 'INVALID_FORMAT', message: 'endDate must be a date' },
          'not a field error',
        ],
      },
    );
    expect(many.messages).toHaveLength(2);
    expect(many.fieldErrors.map((error) => error.field)).toEqual(['title', 'endDate']);
  });

  it("keeps a refusal's details: the new price of a fare that rose", () => {
    const rose = toApiError(
      { status: 409, headers: headers() },
      {
        code: 'FLIGHT_OFFER_PRICE_CHANGED',
        message: 'The offer now costs 412.30 EUR',
        details: { newTotal: { amount: '412.30', currency: 'EUR' } },
      },
    );
    expect(rose.details?.newTotal).toEqual({ amount: '412.30', currency: 'EUR' });
    expect(toApiError({ status: 409, headers: headers() }, { code: 'TRIP_NOT_EDITABLE' }).details).toBeUndefined();
  });

  it('keeps Retry-After', () => {
    expect(toApiError({ status: 429, headers: headers({ 'Retry-After': '30' }) }, null).retryAfter).toBe(30);
  });
});

describe('describeError', () => {
  const coded = (status: number, code: ApiError['code'], messages: string[] = []) =>
    new ApiError(status, messages, undefined, undefined, code);

  it('says what happened and what to do, by code', () => {
    expect(describeError(new ApiError(429, [], undefined, 30, 'RATE_LIMITED'))).toBe(
      'Too many attempts. Try again in 30 seconds.',
    );
    expect(describeError(coded(503, 'SERVICE_UNAVAILABLE', ['db down']))).toMatch(/cannot reach its database/);
    expect(describeError(new ApiError(500, [], 'req-9', undefined, 'INTERNAL_ERROR'))).toMatch(/Reference: req-9/);
    expect(describeError(coded(403, 'FORBIDDEN', ['Forbidden resource']))).toMatch(/role does not allow/);
    expect(describeError(coded(401, 'TOKEN_EXPIRED'))).toMatch(/session has ended/);
    expect(describeError(coded(400, 'ACTIVITY_OUTSIDE_TRIP', ['activity must be inside the trip dates']))).toBe(
      'Activity must be inside the trip dates',
    );
    expect(describeError(new TypeError('Failed to fetch'))).toMatch(/Cannot reach NestMap/);
  });

  it('tells two conflicts apart by code, whatever their messages say', () => {
    const message = ['Not found'];
    expect(describeError(coded(409, 'TRIP_NOT_EDITABLE', message))).toBe('Not found');
    expect(describeError(coded(404, 'NOT_FOUND', message))).toMatch(/no longer exists/);
  });

  it("gives quoted names the app's curly quotes", () => {
    expect(describeError(coded(409, 'DUPLICATE', ['"Lunch" overlaps "Call"']))).toBe('“Lunch” overlaps “Call”');
  });
});

describe('a malformed id in the address', () => {
  const brokenLink = new ApiError(400, ['id must be a UUID'], undefined, undefined, 'VALIDATION_FAILED', [
    { field: 'id', code: 'INVALID_FORMAT', message: 'id must be a UUID' },
  ]);

  it('is a broken link for people, not a validator message', () => {
    expect(describeError(brokenLink)).toBe(
      'That link or request is not valid. Check the address, or go back and try again.',
    );
    expect(splitFieldErrors(brokenLink, ['title']).general).toEqual([describeError(brokenLink)]);
  });
});

describe('hasErrorCode and isStaleVersion', () => {
  it('recognise codes, never messages', () => {
    const stale = toApiError(
      { status: 409, headers: headers() },
      { statusCode: 409, code: 'ACTIVITY_VERSION_STALE', message: 'This activity was changed by someone else' },
    );
    expect(isStaleVersion(stale)).toBe(true);
    expect(isStaleVersion(new ApiError(409, ['x'], undefined, undefined, 'TRIP_VERSION_STALE'))).toBe(true);
    expect(
      isStaleVersion(
        new ApiError(409, ['This trip was changed by someone else'], undefined, undefined, 'TRIP_NOT_EDITABLE'),
      ),
    ).toBe(false);
    expect(isStaleVersion(new ApiError(409, ['changed by someone else']))).toBe(false);
    expect(isStaleVersion(new Error('x'))).toBe(false);
    expect(hasErrorCode(stale, 'NOT_FOUND', 'ACTIVITY_VERSION_STALE')).toBe(true);
    expect(hasErrorCode(new Error('NOT_FOUND'), 'NOT_FOUND')).toBe(false);
  });
});

describe('splitFieldErrors', () => {
  it('puts each refused field under its input by the field the API names; the rest are for the whole form', () => {
    const error = new ApiError(400, [], undefined, undefined, 'VALIDATION_FAILED', [
      { field: 'title', code: 'TOO_LONG', message: 'title must be shorter than or equal to 200 characters' },
      { field: 'budget.amount', code: 'INVALID_FORMAT', message: 'budget.amount must be a decimal string' },
      { field: 'colour', code: 'NOT_ALLOWED', message: 'property colour should not exist' },
    ]);
    const split = splitFieldErrors(error, ['title', 'budget'] as const);
    expect(split.fields.title).toBe('Title must be shorter than or equal to 200 characters');
    expect(split.fields.budget).toBe('Budget.amount must be a decimal string');
    expect(split.general).toEqual(['Property colour should not exist']);
  });

  it('turns any other error into one general sentence', () => {
    expect(
      splitFieldErrors(new ApiError(503, [], undefined, undefined, 'SERVICE_UNAVAILABLE'), ['title'] as const)
        .general[0],
    ).toMatch(/database/);
  });

  it("shows a business rule's refusal under the input its code is about, when the form has it", () => {
    const rule = new ApiError(
      400,
      ['endDate must not be before startDate'],
      undefined,
      undefined,
      'TRIP_ENDS_BEFORE_START',
    );
    expect(splitFieldErrors(rule, ['endDate'] as const)).toEqual({
      fields: { endDate: 'EndDate must not be before startDate' },
      general: [],
    });
    expect(splitFieldErrors(rule, ['title'] as const)).toEqual({
      fields: {},
      general: ['EndDate must not be before startDate'],
    });
  });
});
