import Link from 'next/link';
import type { ReactNode } from 'react';
import { Logo } from '@/components/shell/logo';
import styles from './auth.module.css';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className={styles.page}>
      <Link href="/" className={styles.brand} aria-label="NestMap home">
        <Logo />
        NestMap
      </Link>
      <div className={styles.card}>{children}</div>
    </main>
  );
}
