'use client';

import dynamic from 'next/dynamic';
import { MapPlaceholder } from './map-placeholder';
import styles from './map.module.css';

/** Leaflet touches `window` when it loads: the maps render in the browser only. */
export const TripMap = dynamic(() => import('./trip-map'), { ssr: false, loading: MapPlaceholder });
export const PeopleMap = dynamic(() => import('./people-map'), { ssr: false, loading: MapPlaceholder });
export type { MapDay, TripMapProps } from './trip-map';
export type { PersonAway } from './people-map';
export { styles as mapStyles };
