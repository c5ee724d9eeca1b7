import './form.css';

type Props = { label: string; busy?: boolean | undefined };

/** The form's one primary button; while busy it stays focusable and says so rather than disappearing. */
export default function ContinueButton({ label, busy }: Props) {
  return (
    <button type="submit" class="button" aria-disabled={busy || undefined}>
      {label}
    </button>
  );
}
