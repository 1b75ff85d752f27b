import { Badge } from '@/components/ui';
import { STATUS_LABELS, STATUS_TONES, type TripStatus } from '@/lib/trips/lifecycle';

export function TripStatusBadge({ status }: { status: TripStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
