'use client';

import { useSession } from '@/components/session/session-provider';
import { PassengerProfileForm } from '@/components/passengers/passenger-profile-form';
import { Card, LoadError, Loading, PageHeader } from '@/components/ui';
import { useMyPassengerProfile, useSaveMyPassengerProfile } from '@/lib/api/passenger-profile';

/** "My passenger profile": the details airlines need, typed once and used for every booking. */
export function PassengerProfileClient() {
  const session = useSession();
  const email = session.status === 'signed-in' ? session.user.email : '';
  const profile = useMyPassengerProfile();
  const save = useSaveMyPassengerProfile();

  return (
    <>
      <PageHeader
        title="My passenger profile"
        description="Your details exactly as in the passport you travel with. Bookings for your trips use them, so nobody types them twice. Only you and your organization's admins can see them."
      />
      <Card>
        {profile.isPending ? (
          <Loading label="Loading your profile…" />
        ) : profile.isError ? (
          <LoadError error={profile.error} onRetry={() => profile.refetch()} />
        ) : (
          <PassengerProfileForm
            profile={profile.data}
            defaultEmail={email}
            onSave={(body) => save.mutateAsync(body)}
            emptyNotice="You have no passenger profile yet: fill it in before your first booking."
            savedNotice="Saved. Your next bookings use these details."
          />
        )}
      </Card>
    </>
  );
}
