import type { Metadata } from 'next';
import { PeopleClient } from './people-client';

export const metadata: Metadata = { title: 'Where are my people' };

export default function PeoplePage() {
  return <PeopleClient />;
}
