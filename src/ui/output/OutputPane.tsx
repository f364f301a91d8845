import { forwardRef, memo, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

/** What the rest of the page may do to the output pane. */
export interface OutputPaneHandle {
  clear(): void;
  /** Bytes the program printed (UTF-8). */
  writeProgramBytes(bytes: Uint8Array): void;
  /** A line from the playground itself (not program output): shown dimmed, not in the mirror. */
  writeNote(text: string, tone?: 'info' | 'error'): void;
  /** How the run ended, shown above the output (null: no run has ended since the last clear). */
  showOutcome(o: RunOutcomeBanner | null): void;
}

export interface RunOutcomeBanner {
  tone: 'ok' | 'error' | 'info';
  text: string;
  /** A token of the page's stream to jump to (the first token that differs from the reference). */
  jumpTo?: number;
}

interface Props {
  onJump: (token: number) => void;
}

const FONT_SIZE = 13;
const FONT_FAMILY = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';

function measureCell(host: HTMLElement): { w: number; h: number } {
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;visibility:hidden;font:${FONT_SIZE}px ${FONT_FAMILY};white-space:pre`;
  probe.textContent = 'X'.repeat(50);
  host.appendChild(probe);
  const r = probe.getBoundingClientRect();
  probe.remove();
  return { w: r.width / 50 || 8, h: Math.ceil(r.height * 1.0) || 17 };
}

/**
 * The program's output in an xterm terminal, plus a visually hidden plain-text mirror
 * (`data-testid="output"`) whose text is exactly what the program printed.
 */
export const OutputPane = memo(forwardRef<OutputPaneHandle, Props>(function OutputPane({ onJump }, ref) {
  const hostRef = useRef<HTMLDivElement>(null);
  const mirrorRef = useRef<HTMLPreElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const decoderRef = useRef(new TextDecoder());
  // Whether the terminal's cursor sits at the start of a line (notes start on a fresh line).
  const atLineStartRef = useRef(true);
  const [outcome, setOutcome] = useState<RunOutcomeBanner | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const outputText = () => mirrorRef.current?.textContent ?? '';
  const copy = () => {
    const text = outputText();
    const done = navigator.clipboard?.writeText(text);
    if (!done) {
      setCopied('copy is not available here');
      return;
    }
    done.then(() => setCopied(`copied ${text.length.toLocaleString('en-US')} characters`), () => setCopied('the browser refused the copy'));
  };
  const download = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([outputText()], { type: 'text/plain' }));
    a.download = 'output.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  useEffect(() => {
    const host = hostRef.current!;
    const term = new Terminal({
      convertEol: true,
      disableStdin: true,
      cursorBlink: false,
      fontSize: FONT_SIZE,
      fontFamily: FONT_FAMILY,
      scrollback: 20_000,
      theme: { background: '#111418', foreground: '#d8dee9' },
    });
    term.open(host);
    termRef.current = term;
    const fit = () => {
      const cell = measureCell(host);
      const cols = Math.max(20, Math.floor((host.clientWidth - 14) / cell.w));
      const rows = Math.max(4, Math.floor(host.clientHeight / (cell.h * 1.0)));
      if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
    };
    fit();
    const ro = new ResizeObserver(() => fit());
    ro.observe(host);
    return () => {
      ro.disconnect();
      term.dispose();
      termRef.current = null;
    };
  }, []);

  useImperativeHandle(ref, () => ({
    clear() {
      termRef.current?.reset();
      if (mirrorRef.current) mirrorRef.current.textContent = '';
      decoderRef.current = new TextDecoder();
      atLineStartRef.current = true;
      setOutcome(null);
      setCopied(null);
    },
    showOutcome: setOutcome,
    writeProgramBytes(bytes: Uint8Array) {
      if (bytes.length === 0) return;
      termRef.current?.write(bytes);
      atLineStartRef.current = bytes[bytes.length - 1] === 0x0a;
      const text = decoderRef.current.decode(bytes, { stream: true });
      if (text) mirrorRef.current?.appendChild(document.createTextNode(text));
    },
    writeNote(text: string, tone: 'info' | 'error' = 'info') {
      const colour = tone === 'error' ? '\x1b[31m' : '\x1b[2;36m';
      const lead = atLineStartRef.current ? '' : '\r\n';
      termRef.current?.write(`${lead}${colour}${text.replace(/\n/g, '\r\n')}\x1b[0m\r\n`);
      atLineStartRef.current = true;
    },
  }), []);

  return (
    <section className="pane output-pane" aria-label="Program output">
      <header className="pane-title">
        <span>Output</span>
        {copied ? <span className="stat" data-testid="output-copied">{copied}</span> : null}
        <span className="title-actions">
          <button type="button" className="small" data-testid="copy-output" onClick={copy} title="Copy what the program printed (without the playground's own notes)">Copy</button>
          <button type="button" className="small" data-testid="download-output" onClick={download} title="Download what the program printed as output.txt">↓ output.txt</button>
        </span>
      </header>
      {outcome ? (
        <div className={`run-outcome run-outcome-${outcome.tone}`} data-testid="run-outcome" title={outcome.text}>
          <span>{outcome.text}</span>
          {outcome.jumpTo !== undefined ? (
            <button type="button" className="link-button" data-testid="jump-divergence" onClick={() => onJump(outcome.jumpTo!)}
              title="Select this token: the machine state and attention panes show it">show token {outcome.jumpTo.toLocaleString('en-US')}</button>
          ) : null}
        </div>
      ) : null}
      <div className="terminal-host" ref={hostRef} />
      <pre className="visually-hidden" data-testid="output" ref={mirrorRef} />
    </section>
  );
}));
