import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignInForm } from '@/components/auth/sign-in-form';

// Rendered per request: the form reads the query string (useSearchParams), and a static page would
// leave it out of the HTML and paint it only after hydration (late LCP, a layout shift).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
