import type { MailMessage } from '../mail/mail.service';
import type { User } from '../users/user.entity';

/** The web page that takes the token; in the fragment, it never reaches a server log or a Referer. */
export function resetLinkOf(webUrl: string, token: string): string {
  return `${webUrl.replace(/\/$/, '')}/reset-password#token=${token}`;
}

export function resetLinkMail(user: User, link: string, ttlMinutes: number): MailMessage {
  return {
    organizationId: user.organizationId,
    to: user.email,
    subject: 'Reset your NestMap password',
    text:
      `Someone, hopefully you, asked to reset the password of your NestMap account (${user.email}).\n\n` +
      `Choose a new password: ${link}\n\n` +
      `The link works once and expires in ${ttlMinutes} minutes. Resetting signs you out on every device.\n\n` +
      'If you did not ask for this, ignore this e-mail: your password stays as it is.',
  };
}

export function passwordChangedMail(user: User, webUrl: string, changedAt: Date): MailMessage {
  return {
    organizationId: user.organizationId,
    to: user.email,
    subject: 'Your NestMap password was changed',
    text:
      `The password of your NestMap account (${user.email}) was changed through a reset link on ${changedAt.toUTCString()}, ` +
      'and every session was signed out.\n\n' +
      `If this was not you, reset your password now at ${webUrl.replace(/\/$/, '')}/forgot-password and tell your organization's admin.`,
  };
}
