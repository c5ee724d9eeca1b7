import type { ComponentChildren } from 'preact';

type Props = { error: string | undefined; children: ComponentChildren };

/** A field's frame: marked when it has an error, which is said right above the control. */
export default function FieldGroup({ error, children }: Props) {
  return <div class={error ? 'field field--error' : 'field'}>{children}</div>;
}

/** The error line a control is described by (`boka-{field}-error`). */
export function ErrorLine({ field, error }: { field: string; error: string | undefined }) {
  return error ? (
    <p class="error-message" id={`boka-${field}-error`}>
      {error}
    </p>
  ) : null;
}

export const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
