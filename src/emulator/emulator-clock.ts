/**
 * The emulator's "now": the real time plus an offset tests set through the control API, so
 * that codes and tokens expire (and "the last 90 days" moves) without anyone sleeping.
 */
export class EmulatorClock {
  private offsetMs = 0;

  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  set offsetSeconds(seconds: number) {
    this.offsetMs = Math.round(seconds * 1000);
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }
}
