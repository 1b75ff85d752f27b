import { Tooltip, type TooltipProps } from 'react-leaflet';

/**
 * A Leaflet tooltip with its text from the moment it exists. Children would arrive through a React
 * portal a moment after Leaflet has created the `role="tooltip"` element, which meanwhile has no
 * name (axe's aria-tooltip-name, and nothing for a screen reader). The text is set as text, never
 * as HTML: it is a destination or an activity title someone typed.
 */
export function MapLabel({ text, ...options }: Omit<TooltipProps, 'children' | 'content'> & { text: string }) {
  return <Tooltip key={text} {...options} content={() => textElement(text)} />;
}

function textElement(text: string): HTMLElement {
  const element = document.createElement('span');
  element.textContent = text;
  return element;
}
