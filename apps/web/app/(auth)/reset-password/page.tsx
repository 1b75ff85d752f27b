import type { Metadata } from 'next';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';

/** A capability page (docs/security.md S29): never indexed, and it sends no Referer anywhere. */
export const metadata: Metadata = {
  title: 'Choose a new password',
  referrer: 'no-referrer',
  robots: { index: false, follow: false },
};

export default function ResetPasswordPage() {
  return <ResetPasswordForm />;
}
