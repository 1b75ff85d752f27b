import type { ReactNode } from 'react';
import styles from './card.module.css';

export interface CardProps {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  /** Heading level of the title (defaults to h2). */
  as?: 'h2' | 'h3';
  padded?: boolean;
  className?: string;
  'aria-label'?: string;
}

export function Card({
  title,
  description,
  actions,
  children,
  as: Heading = 'h2',
  padded = true,
  className,
  ...rest
}: CardProps) {
  return (
    <section
      className={[styles.card, padded && styles.padded, className].filter(Boolean).join(' ')}
      aria-label={rest['aria-label']}
    >
      {(title || actions) && (
        <div className={styles.header}>
          <div>
            {title && <Heading className={styles.title}>{title}</Heading>}
            {description && <p className={styles.description}>{description}</p>}
          </div>
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
