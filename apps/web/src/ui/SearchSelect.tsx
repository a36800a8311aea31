import { useEffect, useState } from 'react';
import { ComboBox } from '@midas-ds/components/combobox';
import { ListBoxItem } from '@midas-ds/components/list-box';

interface Item {
  id: string;
  name: string;
}

interface Props {
  label: string;
  items: readonly Item[];
  /** The chosen item's id; '' while none is chosen. */
  value: string;
  onChange: (id: string) => void;
  isRequired?: boolean;
  error?: string;
  /** The field's id, for the error summary's link. */
  id?: string;
  description?: string;
  /** What the user types, for a list the api searches (the items then are its answer). */
  onTextChange?: (text: string) => void;
}

/**
 * A choice among many (suppliers, organisations) that the user narrows by typing. The typed text is the form's,
 * not React Aria's: left alone, its combo box throws what was typed or pasted away whenever the list closes on a
 * scroll. Leaving the field shows the chosen item's name again.
 */
export function SearchSelect({
  id,
  label,
  items,
  value,
  onChange,
  isRequired,
  error,
  description,
  onTextChange,
}: Props) {
  const nameOf = (id: string) => items.find((item) => item.id === id)?.name ?? '';
  const [text, setText] = useState(() => nameOf(value));
  useEffect(() => setText(items.find((item) => item.id === value)?.name ?? ''), [value, items]);
  return (
    <ComboBox
      id={id}
      label={label}
      description={description}
      items={items}
      inputValue={text}
      onInputChange={(typed) => {
        setText(typed);
        onTextChange?.(typed);
      }}
      selectedKey={value || null}
      onSelectionChange={(key) => {
        if (key === null) return;
        setText(nameOf(String(key)));
        if (String(key) !== value) onChange(String(key));
      }}
      onBlur={() => setText(nameOf(value))}
      isRequired={isRequired}
      isInvalid={!!error}
      errorMessage={error}
      validationBehavior="aria"
    >
      {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
    </ComboBox>
  );
}
