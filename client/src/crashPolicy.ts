// What the client does when the server process dies: restart it and tell the user once; after
// too many crashes in a short time, stop restarting and say so, instead of cycling forever.
// Pure (the clock is passed in), so it is unit-tested without VS Code.

export interface CrashDecision {
  restart: boolean;
  /** Shown to the user; undefined when nothing needs saying. */
  message?: string;
}

export class CrashPolicy {
  private crashes: number[] = [];
  private told = false;

  constructor(
    private readonly maxRestarts = 3,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server's connection closed without being asked to. */
  onCrash(): CrashDecision {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    if (this.crashes.length > this.maxRestarts) {
      return {
        restart: false,
        message: `Go Race Hazards: the language server crashed ${this.crashes.length} times in ${Math.round(this.windowMs / 60_000)} minutes and will not be restarted. See the Output channel, then run "Go Race Hazards: Restart Server".`,
      };
    }
    const message = this.told ? undefined : 'Go Race Hazards: the language server stopped unexpectedly and was restarted. Details are in the Output channel.';
    this.told = true;
    return { restart: true, message };
  }

  /** The user restarted the server by hand: start counting afresh. */
  reset(): void {
    this.crashes = [];
  }
}
