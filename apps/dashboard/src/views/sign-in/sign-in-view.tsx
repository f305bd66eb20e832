import { useEffect, useRef, useState } from 'preact/hooks';
import type { SignedOutReason } from '../../app/sign-in-state';
import { readToken } from '../../auth/token';
import { useI18n } from '../../i18n/i18n';

/** The paste box: shown when there is no token, or the one there was expired or was refused. */
export function SignInView({ reason, onToken }: { reason: SignedOutReason | undefined; onToken: (token: string) => void }) {
  const { t, format } = useI18n();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    document.title = `${t.signIn.title} — ${t.app.name}`;
    field.current?.focus();
  }, [t]);
  const notice =
    reason?.kind === 'expired'
      ? t.signIn.expired(format.moment(reason.expiredAt))
      : reason?.kind === 'rejected'
        ? t.signIn.rejected(reason.detail)
        : reason?.kind === 'malformed'
          ? t.signIn.malformed
          : null;
  const submit = (event: Event) => {
    event.preventDefault();
    const reading = readToken(token, new Date());
    if (reading.ok) onToken(token.trim());
    else setProblem(reading.reason === 'expired' ? t.signIn.expired(format.moment(reading.expiredAt)) : t.signIn.malformed);
  };
  return (
    <section class="sign-in" aria-labelledby="view-heading">
      <h1 id="view-heading">{t.signIn.title}</h1>
      {notice && (
        <p class="state state--warning" role="alert" data-reason={reason?.kind}>
          {notice}
        </p>
      )}
      <p>{t.signIn.intro}</p>
      <form onSubmit={submit}>
        <label for="token">{t.signIn.label}</label>
        <textarea
          id="token"
          ref={field}
          rows={4}
          spellcheck={false}
          autocomplete="off"
          value={token}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'token-problem' : 'token-hint'}
          onInput={(event) => {
            setToken(event.currentTarget.value);
            setProblem(null);
          }}
        />
        {problem && (
          <p id="token-problem" class="field-problem" role="alert">
            {problem}
          </p>
        )}
        <p id="token-hint" class="secondary">
          <code>{t.signIn.hint}</code>
        </p>
        <button type="submit" class="primary">
          {t.signIn.submit}
        </button>
      </form>
    </section>
  );
}
