import './form.css';
import type { ComponentChildren } from 'preact';

type Props = {
  rows: { key: string; label: string; value: string; change: ComponentChildren }[];
};

/** GOV.UK's check-your-answers list: each answer with a way to change it (a link or a form button). */
export default function CheckAnswers({ rows }: Props) {
  return (
    <dl class="summary-list">
      {rows.map((row) => (
        <div class="summary-list__row" key={row.key}>
          <dt>{row.label}</dt>
          <dd class="summary-list__value">{row.value}</dd>
          <dd>{row.change}</dd>
        </div>
      ))}
    </dl>
  );
}
