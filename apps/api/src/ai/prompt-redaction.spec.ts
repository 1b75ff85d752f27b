import { redactForLog } from './prompt-redaction';

describe('redactForLog', () => {
  it('masks e-mails, URLs, ids and long numbers, keeping dates and times', () => {
    expect(
      redactForLog(
        'Call ana.lopez@example.com on +49 30 1234 5678 about booking 4111111111111111 (https://x.test/a?b=1) ' +
          'trip 0b7f3c1e-1111-4a4a-8b8b-222233334444 on 2026-03-10 at 09:30',
      ),
    ).toBe('Call [email] on [number] about booking [number] ([url] trip [id] on 2026-03-10 at 09:30');
  });
});
