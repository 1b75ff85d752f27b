'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from './button';

export interface WhenNearViewProps {
  children: ReactNode;
  /** The button standing in its place until then: a keyboard reader tabs to it and opens the section. */
  label: string;
  /** Render now whatever the scroll position (e.g. a link to something inside was followed). */
  now?: boolean;
}

/**
 * Renders its children once their place on the page comes within a screen's height of the
 * viewport, or when `now` turns true, or when the button standing in for them is pressed. A section
 * far below the fold then costs nothing while the page loads (its code, its requests, its
 * rendering), and is there before the reader scrolls to it.
 */
export function WhenNearView({ children, label, now = false }: WhenNearViewProps) {
  const [near, setNear] = useState(false);
  const place = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const pressed = useRef(false);
  // Once shown it stays: `now` turning false again (the address moving on) must not take away what
  // the reader may be typing in.
  if (now && !near) setNear(true);
  const shown = near || now;

  useEffect(() => {
    if (shown || !place.current) return;
    const observer = new IntersectionObserver(
      (entries) => entries.some((entry) => entry.isIntersecting) && setNear(true),
      { rootMargin: '100% 0px' },
    );
    observer.observe(place.current);
    return () => observer.disconnect();
  }, [shown]);

  // The button is gone once pressed: focus moves to what it opened, not to the page's start.
  useEffect(() => {
    if (shown && pressed.current) content.current?.focus();
  }, [shown]);

  if (!shown)
    return (
      <div ref={place}>
        <Button
          variant="ghost"
          onClick={() => {
            pressed.current = true;
            setNear(true);
          }}
        >
          {label}
        </Button>
      </div>
    );
  return (
    <div ref={content} tabIndex={-1} style={{ outline: 'none' }}>
      {children}
    </div>
  );
}
