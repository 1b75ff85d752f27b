import { redirect } from 'next/navigation';

/** The app starts at the dashboard; it sends people who are not signed in to the sign-in page. */
export default function HomePage() {
  redirect('/dashboard');
}
