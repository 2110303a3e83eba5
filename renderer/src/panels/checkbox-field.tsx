/// A checkbox with its label, the one way panels offer an on/off choice: the whole label is the hit
/// target, and the handler receives the new state rather than the DOM event.
import type { ComponentChildren } from 'preact';

/// Props of CheckboxField.
export interface CheckboxFieldProps {
  /// The form name (also what tests and the clerk's keyboard help refer to).
  readonly name?: string;
  readonly checked: boolean;
  readonly disabled?: boolean;
  readonly onChange: (checked: boolean) => void;
  /// The label's class. Defaults to `row checkbox`, the look of toolbars and forms.
  readonly class?: string;
  /// The visible label.
  readonly children: ComponentChildren;
}

/// The field.
export function CheckboxField(props: CheckboxFieldProps) {
  return (
    <label class={props.class ?? 'row checkbox'}>
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(event) => props.onChange((event.currentTarget as HTMLInputElement).checked)}
      />
      <span>{props.children}</span>
    </label>
  );
}
