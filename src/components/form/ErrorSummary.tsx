import './form.css';
import type { Ref } from 'preact';

type Props = {
  /** Ids are per page: one summary per form. */
  id: string;
  title: string;
  /** Each problem, with the id of the control it is about when it is about one. */
  items: { text: string; target?: string | undefined }[];
  summaryRef?: Ref<HTMLDivElement>;
};

/**
 * GOV.UK's error summary (govuk-frontend `components/error-summary`): it
 * takes focus when shown (the island moves focus to it; `autofocus` does on a
 * page the server rendered) and each link moves focus to its field. Its
 * content sits in a `role="alert"` child, as GOV.UK's does, so it is
 * announced when it appears, not only when focus lands on the container.
 */
export default function ErrorSummary({ id, title, items, summaryRef }: Props) {
  return (
    <div class="error-summary" {...(summaryRef ? { ref: summaryRef } : {})} tabIndex={-1} aria-labelledby={`${id}-title`} {...{ autofocus: true }}>
      <div role="alert">
        <h2 id={`${id}-title`}>{title}</h2>
        <ul>
          {items.map(({ text, target }) => (
            <li key={target ?? text}>
              {target ? (
                <a
                  href={`#${target}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(target)?.focus();
                  }}
                >
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
