import styles from './map.module.css';

/** Where the map will be, the same size, while its code loads and Leaflet starts. */
export function MapPlaceholder() {
  return (
    <div className={styles.placeholder} role="status">
      Loading the map…
    </div>
  );
}
