import type { FC } from 'hono/jsx';

/** The body of a page that only says something went wrong, and where to go next. */
export const Message: FC<{ lines: readonly string[]; next?: { href: string; label: string } }> = ({ lines, next }) => (
  <div>
    <div class="error" role="alert">
      {lines.map((line) => (
        <p>{line}</p>
      ))}
    </div>
    {next ? (
      <p>
        <a href={next.href}>{next.label}</a>
      </p>
    ) : null}
  </div>
);
