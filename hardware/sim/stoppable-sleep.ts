/** Sleeps that a stop cuts short: the game loops of the simulated devices wait on it. */
export class StoppableSleep {
  private stoppedFlag = false;
  private wake: (() => void) | undefined;

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  stop(): void {
    this.stoppedFlag = true;
    this.wake?.();
  }

  /** Resolves true after `ms`, or false at once when stopped. */
  sleep(ms: number): Promise<boolean> {
    if (this.stoppedFlag) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve(!this.stoppedFlag);
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(false);
      };
    });
  }
}
