import type { Metadata } from 'next';
import { SignUpForm } from '@/components/auth/sign-up-form';

// Rendered per request: the form reads the query string (useSearchParams), and a static page would
// leave it out of the HTML and paint it only after hydration (late LCP, a layout shift). No Suspense
// boundary either: with one, a slow render streams the page's frame first and the form after it, and
// the centred card grows under the reader's eyes (a layout shift the browser e2e caught under load).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Create your organization' };

export default function SignUpPage() {
  return <SignUpForm />;
}
