import './form.css';

type Props = { href: string; label: string; onClick?: (() => void) | undefined };

/** "Back": a real link (it works without JavaScript); an island may go back without a page load. */
export default function BackLink({ href, label, onClick }: Props) {
  return (
    <a
      class="back-link"
      href={href}
      onClick={
        onClick &&
        ((e) => {
          e.preventDefault();
          onClick();
        })
      }
    >
      {label}
    </a>
  );
}
