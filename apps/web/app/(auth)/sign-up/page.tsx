import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignUpForm } from '@/components/auth/sign-up-form';

// Rendered per request: the form reads the query string (useSearchParams), and a static page would
// leave it out of the HTML and paint it only after hydration (late LCP, a layout shift).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Create your organization' };

export default function SignUpPage() {
  return (
    <Suspense>
      <SignUpForm />
    </Suspense>
  );
}
