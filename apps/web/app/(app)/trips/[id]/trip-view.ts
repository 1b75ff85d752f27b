import type { Editing } from '@/components/itinerary/itinerary-timeline';

type Point = { latitude: number; longitude: number };

/** What the trip page shows besides the data: the day and activity in focus, the open form, notices. */
export interface TripView {
  /** The day chosen by the reader; null until they choose (the page then shows `initialDay`). */
  selectedDay: string | null;
  highlightedId: string | null;
  editing: Editing;
  /** The activity form waits for a click on the map. */
  picking: boolean;
  pickedPoint: Point | null;
  notice: string | null;
  actionError: string | null;
  confirmDelete: boolean;
}

export type TripViewAction =
  | { type: 'selectDay'; date: string }
  | { type: 'selectActivity'; id: string; date: string }
  | { type: 'edit'; editing: Editing }
  | { type: 'saved'; id: string; date: string }
  | { type: 'deleted' }
  | { type: 'togglePicking' }
  | { type: 'stopPicking' }
  | { type: 'picked'; point: Point }
  | { type: 'notice'; notice: string }
  | { type: 'actionError'; message: string | null }
  | { type: 'confirmDelete'; confirm: boolean };

export function initialTripView(notice: string | null): TripView {
  return {
    selectedDay: null,
    highlightedId: null,
    editing: null,
    picking: false,
    pickedPoint: null,
    notice,
    actionError: null,
    confirmDelete: false,
  };
}

const closedForm = { editing: null, picking: false, pickedPoint: null } as const;

export function tripViewReducer(view: TripView, action: TripViewAction): TripView {
  switch (action.type) {
    case 'selectDay':
      return { ...view, selectedDay: action.date, highlightedId: null };
    case 'selectActivity':
      return { ...view, selectedDay: action.date, highlightedId: action.id };
    case 'edit':
      return {
        ...view,
        ...closedForm,
        editing: action.editing,
        selectedDay: action.editing?.kind === 'new' ? action.editing.date : view.selectedDay,
      };
    case 'saved':
      return { ...view, ...closedForm, highlightedId: action.id, selectedDay: action.date };
    case 'deleted':
      return { ...view, highlightedId: null };
    case 'togglePicking':
      return { ...view, picking: !view.picking };
    case 'stopPicking':
      return { ...view, picking: false };
    case 'picked':
      return { ...view, picking: false, pickedPoint: action.point };
    case 'notice':
      return { ...view, notice: action.notice, actionError: null };
    case 'actionError':
      return { ...view, actionError: action.message };
    case 'confirmDelete':
      return { ...view, confirmDelete: action.confirm };
  }
}

/** Where the page opens: today's day when travelling, else the first day with something planned. */
export function initialDay<D extends { date: string; activities: unknown[] }>(days: D[], now: string): string | null {
  return (days.find((d) => d.date === now) ?? days.find((d) => d.activities.length > 0) ?? days[0])?.date ?? null;
}
