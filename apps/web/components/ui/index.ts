export { Badge, type Tone } from './badge';
export { Button, ButtonLink, buttonClassName, type ButtonProps } from './button';
export { Card } from './card';
export { Dialog, DialogActions } from './dialog';
export { Alert, EmptyState, Loading, Skeleton } from './feedback';
export { Checkbox, Field, FieldRow, Input, Select, Textarea } from './field';
export { PageHeader } from './page-header';
export { Pagination } from './pagination';
export { Table, tableStyles } from './table';
