// Drives a program in a real terminal: tmux on a private socket, send-keys to type, capture-pane to
// read the screen, exactly what a person at the keyboard sees.
import { execFileSync } from 'node:child_process';

export class TmuxSession {
  private readonly socket = `ka-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  constructor(readonly command: string, readonly cols = 140, readonly rows = 50) {
    this.tmux('new-session', '-d', '-s', 'main', '-x', String(cols), '-y', String(rows), `${command}; echo "EXIT=$?"; sleep 600`);
  }
  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }
  screen(): string {
    return this.tmux('capture-pane', '-p', '-S', '-2000', '-t', 'main');
  }
  /** Sends keys (tmux key names such as Enter, Down, C-u, or literal text). */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }
  /** Waits until the screen matches, and returns it; fails with the screen when it never does. */
  async waitFor(pattern: RegExp | string, timeoutMs = 15000, since = ''): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      const tail = since ? s.slice(s.lastIndexOf(since)) : s;
      if (typeof pattern === 'string' ? tail.includes(pattern) : pattern.test(tail)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** The prompt line currently waiting for an answer (the last line starting with "?"). */
  async prompt(text: string | RegExp, timeoutMs = 15000): Promise<void> {
    const re = typeof text === 'string' ? new RegExp(`^\\? ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm') : text;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.screen().split('\n').filter((l) => l.trim());
      const last = [...lines].reverse().find((l) => /^[?✔] /.test(l)) ?? '';
      if (re.test(last)) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for prompt ${re}; the screen:\n${lines.slice(-15).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      /* already gone */
    }
  }
}
