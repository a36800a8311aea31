import { Select } from '@midas-ds/components/select';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { useLanguage } from '../app/i18n.js';
import type { MessageKey } from '../app/i18n/catalog.js';

interface Props<V extends string> {
  label: string;
  values: readonly V[];
  /** Catalogue prefix of the values' labels, e.g. `setting` for `setting.HOME_CARE`. */
  labels: string;
  value: V | '';
  onChange: (value: V) => void;
  isRequired?: boolean;
  error?: string;
  /** The field's id, for the error summary's link. */
  id?: string;
  description?: string;
  /** Shown while nothing is chosen, e.g. "All" for a filter. */
  placeholder?: string;
}

/** A Midas (React Aria) select over an enum of the api, labelled from the catalogue. */
export function EnumSelect<V extends string>({
  label,
  values,
  labels,
  value,
  onChange,
  isRequired,
  error,
  description,
  placeholder,
  id: fieldId,
}: Props<V>) {
  const { t } = useLanguage();
  const items = values.map((id) => ({ id, name: t(`${labels}.${id}` as MessageKey) }));
  return (
    <Select
      id={fieldId}
      label={label}
      placeholder={placeholder ?? t('app.choose')}
      description={description}
      items={items}
      selectedKey={value || null}
      onSelectionChange={(key) => key !== null && onChange(key as V)}
      isRequired={isRequired}
      isInvalid={!!error}
      errorMessage={error}
      validationBehavior="aria"
    >
      {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
    </Select>
  );
}
