import type { FC } from 'hono/jsx';

/** The login form; `problem` is said above it when the last attempt failed. */
export const LoginForm: FC<{ name?: string; problem?: string }> = ({ name, problem }) => (
  <div class="login">
    {problem ? (
      <p class="error" role="alert" id="login-problem">
        {problem}
      </p>
    ) : (
      <p>Log in with the account your loopwarden administrator gave you.</p>
    )}
    <form method="post" action="/dashboard/login">
      <p>
        <label for="login-name">Name</label>
        <input id="login-name" name="name" type="text" autocomplete="username" required maxlength={100} value={name ?? ''} aria-describedby={problem ? 'login-problem' : undefined} />
      </p>
      <p>
        <label for="login-password">Password</label>
        <input id="login-password" name="password" type="password" autocomplete="current-password" required maxlength={1024} />
      </p>
      <p>
        <button type="submit">Log in</button>
      </p>
    </form>
  </div>
);
