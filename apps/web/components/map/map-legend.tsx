'use client';

import type { LegendEntry } from './pin-labels';
import styles from './map.module.css';

/** Phones start with it folded: the map is small there. */
const openByDefault = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 700px)').matches;

/** Says what the pin labels mean: the selected day's numbers, then each other day's prefix. */
export function MapLegend({ entries }: { entries: LegendEntry[] }) {
  if (entries.length === 0) return null;
  const selected = entries.find((entry) => entry.selected);
  const others = entries.filter((entry) => !entry.selected);
  return (
    <details className={styles.legend} open={openByDefault()}>
      <summary>Map legend</summary>
      <ul>
        {selected && (
          <li>
            <span className={styles.legendPin} aria-hidden="true">
              1 2 3
            </span>
            <span>{selected.label}: numbered as in the timeline</span>
          </li>
        )}
        {others.map((entry) => (
          <li key={entry.date}>
            <span className={`${styles.legendPin} ${styles.legendPinDimmed}`} aria-hidden="true">
              {entry.prefix}·
            </span>
            <span>
              {entry.prefix === '+' ? 'Outside the trip dates' : `Day ${entry.prefix}`}, {entry.label}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
