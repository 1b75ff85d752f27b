import { ButtonLink, EmptyState } from '@/components/ui';

export function NotFoundMessage() {
  return (
    <>
      <h1 className="sr-only">Page not found</h1>
      <EmptyState
        icon="compass"
        title="This page does not exist"
        action={
          <ButtonLink href="/dashboard" variant="primary">
            Go to the dashboard
          </ButtonLink>
        }
      >
        The link may be old, or the address mistyped.
      </EmptyState>
    </>
  );
}
