/// The proof-of-work check of the public comment form: the ALTCHA widget (loaded only when the
/// server asks for the check), which fetches a challenge from this server, solves it in a worker
/// and hands its payload to the form. It starts by itself when the form opens, so nobody has to do
/// anything; it is a labelled checkbox for keyboards and screen readers, announcing its state. The
/// build used takes its styles and workers from files of the app (no inline code: the app's CSP).
import { useEffect, useRef } from 'preact/hooks';

let loading: Promise<void> | null = null;

/// Load the widget, its styles, its PBKDF2 worker and its Chinese and English words, once.
function loadWidget(): Promise<void> {
  loading ??= (async () => {
    await import('altcha/external');
    await Promise.all([import('altcha/altcha.css'), import('altcha/i18n/zh-cn'), import('altcha/i18n/en')]);
    const { default: Pbkdf2Worker } = await import('altcha/workers/pbkdf2?worker');
    const registry = (globalThis as unknown as { $altcha: { algorithms: Map<string, () => Worker> } })
      .$altcha;
    registry.algorithms.set('PBKDF2/SHA-256', () => new Pbkdf2Worker());
  })();
  return loading;
}

/// Props of ProofCheck.
export interface ProofCheckProps {
  /// Absolute URL of the challenge (`GET /api/public/proof`).
  readonly challengeUrl: string;
  readonly language: 'zh' | 'en';
  /// Told the payload once the check is solved, and null when it expires or fails.
  readonly onPayload: (payload: string | null) => void;
}

/// The widget, in a labelled group.
export function ProofCheck({ challengeUrl, language, onPayload }: ProofCheckProps) {
  const host = useRef<HTMLDivElement>(null);
  const report = useRef(onPayload);
  report.current = onPayload;

  useEffect(() => {
    let widget: HTMLElement | null = null;
    let live = true;
    void loadWidget().then(() => {
      if (!live || !host.current) return;
      widget = document.createElement('altcha-widget');
      widget.setAttribute('challenge', challengeUrl);
      widget.setAttribute('name', 'altcha');
      widget.setAttribute('auto', 'onload');
      widget.setAttribute('language', language === 'zh' ? 'zh-cn' : 'en');
      widget.setAttribute('hidefooter', '');
      widget.addEventListener('statechange', (event) => {
        const detail = (event as CustomEvent<{ state: string; payload?: string }>).detail;
        report.current(detail.state === 'verified' && detail.payload ? detail.payload : null);
      });
      host.current.appendChild(widget);
    });
    return () => {
      live = false;
      widget?.remove();
    };
  }, [challengeUrl, language]);

  return <div class="proof-check" ref={host} />;
}
