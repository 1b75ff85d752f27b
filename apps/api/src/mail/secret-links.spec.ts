import { randomBytes, randomUUID } from 'node:crypto';
import { maskSecretLinks } from './secret-links';

describe('maskSecretLinks', () => {
  const token = randomBytes(32).toString('base64url');

  it('hides the token of an invitation link and keeps the rest of the message', () => {
    const text = `You have been invited.\n\nAccept the invitation: https://nestmap.example/invite/${token}\n\nThe link works once.`;
    expect(maskSecretLinks(text)).toBe(
      'You have been invited.\n\nAccept the invitation: https://nestmap.example/invite/[hidden]\n\nThe link works once.',
    );
  });

  it('hides tokens in query strings, fragments and before a file extension', () => {
    expect(maskSecretLinks(`http://localhost:3000/reset?code=${token}&x=1`)).toBe(
      'http://localhost:3000/reset?code=[hidden]&x=1',
    );
    expect(maskSecretLinks(`http://localhost:3000/reset-password#token=${token}`)).toBe(
      'http://localhost:3000/reset-password#token=[hidden]',
    );
    expect(maskSecretLinks(`https://api.example/api/calendar/${token}.ics`)).toBe(
      'https://api.example/api/calendar/[hidden].ics',
    );
  });

  it('keeps ids, short segments and text outside links', () => {
    const id = randomUUID();
    const text = `Review https://nestmap.example/trips/${id} today. Reference ${token} is not a link.`;
    expect(maskSecretLinks(text)).toBe(text);
  });
});
