import { parseDate, type CalendarDate } from '@internationalized/date';
import { DatePicker } from '@midas-ds/components/date-picker';

function toCalendarDate(value: string): CalendarDate | null {
  try {
    return value ? parseDate(value) : null;
  } catch {
    return null;
  }
}

interface Props {
  label: string;
  /** YYYY-MM-DD, as the api takes it; '' while empty. */
  value: string;
  onChange: (value: string) => void;
  isRequired?: boolean;
  error?: string;
  /** The field's id, for the error summary's link. */
  id?: string;
  description?: string;
}

/** A Midas date picker over the api's YYYY-MM-DD strings, with the api's error next to it. */
export function DateInput({ id, label, value, onChange, isRequired, error, description }: Props) {
  return (
    <DatePicker
      id={id}
      label={label}
      description={description}
      value={toCalendarDate(value)}
      onChange={(date) => onChange(date ? date.toString() : '')}
      isRequired={isRequired}
      isInvalid={!!error}
      errorMessage={error}
      validationBehavior="aria"
    />
  );
}
