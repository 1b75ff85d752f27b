import styles from './page.module.css';

/** Landing page; the full traveller and admin app grows from here. */
export default function HomePage() {
  return (
    <main className={styles.main}>
      <section className={styles.card}>
        <h1 className={styles.title}>NestMap</h1>
        <p className={styles.lead}>Open-source corporate travel: trips and day-by-day itineraries on a map, travel policy and approvals.</p>
        <nav className={styles.links} aria-label="API">
          <a href="/api/health">API health</a>
          <a href="/api/docs">API documentation</a>
        </nav>
      </section>
    </main>
  );
}
