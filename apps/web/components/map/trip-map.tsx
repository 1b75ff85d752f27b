'use client';

import L, { type LatLngTuple } from 'leaflet';
import { useEffect, useMemo } from 'react';
import { Marker, Polyline, useMap, useMapEvents } from 'react-leaflet';
import type { Activity } from '@/lib/itinerary/itinerary-days';
import { BaseMap } from './base-map';
import { FlightArcs, useFlightArcs } from './flight-arcs';
import { MapLabel } from './map-label';
import { MapLegend } from './map-legend';
import styles from './map.module.css';
import { legendEntries, pinLabel } from './pin-labels';

export interface MapDay {
  date: string;
  /** Day of the trip (1-based); null outside the trip's dates. */
  dayNumber: number | null;
  label: string;
  /** Located activities of the day, in itinerary order, with their number in the day's timeline. */
  activities: (Activity & { latitude: number; longitude: number; number: number })[];
}

export interface TripMapProps {
  destination: { name: string; latitude: number; longitude: number } | null;
  days: MapDay[];
  selectedDay: string | null;
  highlightedId: string | null;
  onSelectActivity(id: string): void;
  /** While set, a click on the map reports its coordinates instead of panning. */
  onPick?: (point: { latitude: number; longitude: number }) => void;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// One icon per label and state: react-leaflet replaces a marker's DOM whenever it gets a new icon
// object, so icons made afresh on every render would redraw every pin on every page update.
const pinIcons = new Map<string, L.DivIcon>();
function pinIcon(label: string, variant: 'day' | 'dimmed' | 'active') {
  const key = `${variant}|${label}`;
  const cached = pinIcons.get(key);
  if (cached) return cached;
  const variantClass = { day: '', dimmed: styles.pinDimmed, active: styles.pinActive }[variant];
  const icon = L.divIcon({
    className: [styles.pin, variantClass].filter(Boolean).join(' '),
    // data-state is for people reading the DOM (and the browser tests): class names are hashed.
    html: `<div class="${styles.pinBody}" data-state="${variant}"><span${label.includes('·') ? ' data-prefixed' : ''}>${escapeHtml(label)}</span></div>`,
    iconSize: [28, 28],
    iconAnchor: [14, 28],
    tooltipAnchor: [0, -28],
  });
  pinIcons.set(key, icon);
  return icon;
}

/** The destination as a labelled dot: without map tiles, it says where the pins are. */
let destinationDot: L.DivIcon | null = null;
const destinationIcon = () =>
  (destinationDot ??= L.divIcon({
    className: styles.destinationDot,
    html: '<div></div>',
    iconSize: [12, 12],
    iconAnchor: [6, 6],
    tooltipAnchor: [8, 0],
  }));

/** Fits the view to what matters: the selected day, else the whole itinerary, else the destination. */
function FitView({ points, fallback }: { points: LatLngTuple[]; fallback: LatLngTuple | null }) {
  const map = useMap();
  // Compared by value: the view re-fits when the set of points changes, not on every render.
  const target = JSON.stringify({ points, fallback });
  useEffect(() => {
    const { points, fallback } = JSON.parse(target) as { points: LatLngTuple[]; fallback: LatLngTuple | null };
    // Instant, not animated: a pan to the highlighted pin right after must see the new view.
    if (points.length === 1) map.setView(points[0], Math.max(map.getZoom(), 12), { animate: false });
    else if (points.length > 1)
      map.fitBounds(L.latLngBounds(points), {
        paddingTopLeft: [40, 40],
        paddingBottomRight: [90, 40],
        maxZoom: 14,
        animate: false,
      });
    else if (fallback) map.setView(fallback, 10, { animate: false });
  }, [target, map]);
  return null;
}

function PanToHighlighted({ point }: { point: LatLngTuple | null }) {
  const map = useMap();
  useEffect(() => {
    // Only when it is out of sight: a fitted view already shows it, moving it would hide the others.
    if (point && !map.getBounds().contains(point)) map.panTo(point);
  }, [point, map]);
  return null;
}

function PickHandler({ onPick }: { onPick?: TripMapProps['onPick'] }) {
  const map = useMapEvents({
    click(event) {
      onPick?.({
        latitude: Number(event.latlng.lat.toFixed(6)),
        longitude: Number(L.Util.wrapNum(event.latlng.lng, [-180, 180], true).toFixed(6)),
      });
    },
  });
  useEffect(() => {
    map.getContainer().classList.toggle(styles.picking, Boolean(onPick));
  }, [map, onPick]);
  return null;
}

/**
 * The NestMap view's map: a numbered pin per located activity (the selected day's numbers match
 * its timeline, other days' pins carry their day: "2·1"; the legend says so),
 * the selected day's route as a line, booked flights as great-circle arcs to where they land, and
 * the highlighted activity in orange.
 */
export default function TripMap({
  destination,
  days,
  selectedDay,
  highlightedId,
  onSelectActivity,
  onPick,
}: TripMapProps) {
  const selected = days.find((day) => day.date === selectedDay) ?? null;
  const all = useMemo(() => days.flatMap((day) => day.activities), [days]);
  const arcs = useFlightArcs(all);
  const route: LatLngTuple[] = (selected?.activities ?? []).map((a) => [a.latitude, a.longitude]);
  const destinationPoint: LatLngTuple[] = destination ? [[destination.latitude, destination.longitude]] : [];
  // Where the focused flights land is in view too.
  const focused = new Set((route.length ? selected!.activities : all).map((a) => a.id));
  const landings = arcs.filter((arc) => focused.has(arc.activityId)).map((arc) => arc.points.at(-1)!);
  // The destination's label stays in view beside the day's route (or the whole itinerary).
  const focus: LatLngTuple[] = [
    ...(route.length ? route : all.map((a): LatLngTuple => [a.latitude, a.longitude])),
    ...landings,
    ...(all.length ? destinationPoint : []),
  ];
  const highlighted = all.find((a) => a.id === highlightedId);

  return (
    <BaseMap label="Map of the itinerary" overlay={<MapLegend entries={legendEntries(days, selectedDay)} />}>
      <FitView points={focus} fallback={destination ? [destination.latitude, destination.longitude] : null} />
      <PanToHighlighted point={highlighted ? [highlighted.latitude, highlighted.longitude] : null} />
      {onPick && <PickHandler onPick={onPick} />}
      {destination && (
        <Marker
          position={[destination.latitude, destination.longitude]}
          icon={destinationIcon()}
          keyboard={false}
          interactive={false}
          zIndexOffset={-1000}
        >
          <MapLabel permanent direction="right" className={styles.destinationLabel} text={destination.name} />
        </Marker>
      )}
      <FlightArcs arcs={arcs} />
      {route.length > 1 && (
        <Polyline positions={route} pathOptions={{ color: '#1d5fd1', weight: 3, opacity: 0.8, dashArray: '6 6' }} />
      )}
      {days.map((day) =>
        day.activities.map((activity) => {
          const variant =
            activity.id === highlightedId ? 'active' : !selected || day.date === selected.date ? 'day' : 'dimmed';
          return (
            <Marker
              key={activity.id}
              position={[activity.latitude, activity.longitude]}
              icon={pinIcon(pinLabel(day, activity.number, selectedDay), variant)}
              title={`${day.label}: ${activity.title}`}
              alt={activity.title}
              zIndexOffset={variant === 'active' ? 1000 : variant === 'day' ? 500 : 0}
              eventHandlers={{
                click: () => onSelectActivity(activity.id),
                keypress: (event) => event.originalEvent.key === 'Enter' && onSelectActivity(activity.id),
              }}
            >
              <MapLabel direction="top" text={activity.title} />
            </Marker>
          );
        }),
      )}
    </BaseMap>
  );
}
