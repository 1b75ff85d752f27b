import { ApiError, describeError, isStaleVersion, splitFieldErrors, toApiError } from './api-error';

const headers = (values: Record<string, string> = {}) => new Headers(values);

describe('toApiError', () => {
  it("reads the API's error shape, single message or list", () => {
    const one = toApiError(
      { status: 409, headers: headers() },
      { statusCode: 409, message: 'Conflict here', requestId: 'r1' },
    );
    expect(one).toMatchObject({ status: 409, messages: ['Conflict here'], requestId: 'r1' });
    const many = toApiError(
      { status: 400, headers: headers() },
      { message: ['title should not be empty', 'endDate must be a date'] },
    );
    expect(many.messages).toHaveLength(2);
  });

  it('keeps Retry-After', () => {
    expect(toApiError({ status: 429, headers: headers({ 'Retry-After': '30' }) }, null).retryAfter).toBe(30);
  });
});

describe('describeError', () => {
  it('says what happened and what to do', () => {
    expect(describeError(new ApiError(429, [], undefined, 30))).toBe('Too many attempts. Try again in 30 seconds.');
    expect(describeError(new ApiError(503, ['db down']))).toMatch(/cannot reach its database/);
    expect(describeError(new ApiError(500, [], 'req-9'))).toMatch(/Reference: req-9/);
    expect(describeError(new ApiError(403, ['Forbidden resource']))).toMatch(/role does not allow/);
    expect(describeError(new ApiError(400, ['activity must be inside the trip dates']))).toBe(
      'Activity must be inside the trip dates',
    );
    expect(describeError(new TypeError('Failed to fetch'))).toMatch(/Cannot reach NestMap/);
  });
});

describe('messages people never see', () => {
  const jargon = new ApiError(400, ['Validation failed (uuid is expected)']);

  it('replaces a framework validator message with a sentence', () => {
    expect(describeError(jargon)).toBe(
      'That link or request is not valid. Check the address, or go back and try again.',
    );
    expect(splitFieldErrors(jargon, ['title']).general).toEqual([describeError(jargon)]);
  });

  it("gives quoted names the app's curly quotes", () => {
    expect(describeError(new ApiError(409, ['"Lunch" overlaps "Call"']))).toBe('“Lunch” overlaps “Call”');
  });
});

describe('isStaleVersion', () => {
  it("recognises the API's STALE_VERSION code, not a 409 for another reason", () => {
    const stale = toApiError(
      { status: 409, headers: headers() },
      {
        statusCode: 409,
        code: 'STALE_VERSION',
        message:
          'This activity was changed by someone else (you edited version 1, it is now version 2); reload and try again',
      },
    );
    expect(stale.code).toBe('STALE_VERSION');
    expect(isStaleVersion(stale)).toBe(true);
    expect(isStaleVersion(new ApiError(409, ['Only draft trips can be edited; this trip is submitted']))).toBe(false);
    expect(isStaleVersion(new ApiError(404, ['Activity not found'], undefined, undefined, 'STALE_VERSION'))).toBe(
      false,
    );
    expect(isStaleVersion(new Error('x'))).toBe(false);
  });
});

describe('splitFieldErrors', () => {
  it('puts each validation message under the field it names', () => {
    const error = new ApiError(400, [
      'title must be shorter than or equal to 200 characters',
      'endDate must be a valid ISO 8601 date string',
      'The trip cannot end before it starts',
    ]);
    const split = splitFieldErrors(error, ['title', 'endDate'] as const);
    expect(split.fields.title).toBe('Title must be shorter than or equal to 200 characters');
    expect(split.fields.endDate).toBe('EndDate must be a valid ISO 8601 date string');
    expect(split.general).toEqual(['The trip cannot end before it starts']);
  });

  it('turns anything else into one general sentence', () => {
    expect(splitFieldErrors(new ApiError(503, []), ['title'] as const).general[0]).toMatch(/database/);
  });
});
