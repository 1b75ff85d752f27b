'use client';

import Link from 'next/link';
import { PassengerProfileForm } from '@/components/passengers/passenger-profile-form';
import { Card, LoadError, Loading, PageHeader } from '@/components/ui';
import { useMemberDirectory } from '@/lib/api/organization';
import { useMemberPassengerProfile, useSaveMemberPassengerProfile } from '@/lib/api/passenger-profile';

/** An admin keeps a member's passenger profile (a new hire's, or for someone who cannot sign in). */
export function MemberPassengerProfileClient({ userId }: { userId: string }) {
  const directory = useMemberDirectory(true);
  const profile = useMemberPassengerProfile(userId);
  const save = useSaveMemberPassengerProfile(userId);
  const member = directory.data?.get(userId);

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/admin/members">← Members</Link>}
        title={member ? `Passenger profile: ${member.name}` : 'Passenger profile'}
        description="As in their passport. Only they and your organization's admins can see it; bookings for their trips use it."
      />
      <Card>
        {profile.isPending || directory.isPending ? (
          <Loading label="Loading the profile…" />
        ) : profile.isError ? (
          <LoadError error={profile.error} onRetry={() => profile.refetch()} />
        ) : (
          <PassengerProfileForm
            profile={profile.data}
            defaultEmail={member?.email ?? ''}
            onSave={(body) => save.mutateAsync(body)}
            emptyNotice="No passenger profile yet: bookings for this person's trips wait until it is filled in."
            savedNotice="Saved. Bookings for their trips use these details."
          />
        )}
      </Card>
    </>
  );
}
