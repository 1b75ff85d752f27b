'use client';

import L, { type LatLngTuple } from 'leaflet';
import { useEffect } from 'react';
import { Marker, Popup, useMap } from 'react-leaflet';
import { BaseMap } from './base-map';
import styles from './map.module.css';

export interface PersonAway {
  tripId: string;
  name: string;
  destination: string;
  dates: string;
  latitude: number;
  longitude: number;
}

const icon = (initials: string) =>
  L.divIcon({
    className: `${styles.pin} ${styles.pinPerson}`,
    html: `<div class="${styles.pinBody}"><span>${initials.replace(/[^\p{L}\p{N}]/gu, '')}</span></div>`,
    iconSize: [28, 28],
    iconAnchor: [14, 28],
    popupAnchor: [0, -28],
  });

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');

function FitPeople({ points }: { points: LatLngTuple[] }) {
  const map = useMap();
  const target = JSON.stringify(points);
  useEffect(() => {
    const points = JSON.parse(target) as LatLngTuple[];
    if (points.length === 1) map.setView(points[0], 5);
    else if (points.length > 1) map.fitBounds(L.latLngBounds(points), { padding: [50, 50], maxZoom: 6 });
  }, [target, map]);
  return null;
}

/** Duty of care: where the organization's travellers are today, one pin per trip. */
export default function PeopleMap({ people, onSelect }: { people: PersonAway[]; onSelect?: (tripId: string) => void }) {
  return (
    <BaseMap label="Map of travellers away today">
      <FitPeople points={people.map((p) => [p.latitude, p.longitude])} />
      {people.map((person) => (
        <Marker
          key={person.tripId}
          position={[person.latitude, person.longitude]}
          icon={icon(initialsOf(person.name))}
          title={`${person.name} in ${person.destination}`}
          eventHandlers={{ click: () => onSelect?.(person.tripId) }}
        >
          <Popup>
            <div className={styles.popup}>
              <strong>{person.name}</strong>
              {person.destination}
              <br />
              {person.dates}
              <br />
              <a href={`/trips/${person.tripId}`}>Open the trip</a>
            </div>
          </Popup>
        </Marker>
      ))}
    </BaseMap>
  );
}
