import {
  colourOf,
  isOnWheel,
  numberLabel,
  parseWheelNumber,
  pocketIndex,
  type WheelLayout,
} from '../../wheel/layout';
import { emptyOutput, type DecodeOutput, type LineDecoder, type WheelEventBody } from '../types';
import {
  GAME_STATES,
  WARNING_FLAGS,
  extendedFlagNames,
  parseLine,
  type CammeghVariant,
  type StatusLine,
} from './lines';

/**
 * Turns Cammegh Mercury lines into wheel events.
 *
 * The Cammegh formats carry no checksum, so a corrupted digit would read as a different number.
 * Advanced and Extended repeat the whole game state every 500 ms: a state is acted on only when two
 * consecutive status packets agree on it (state, game count, last number, warnings; and in state 5
 * the ball spins and pocket too). Basic sends each event once and cannot be protected this way; the
 * docs say so.
 *
 * A game opens when the wheel enters "place bets" (or "finish betting" straight after a result) and
 * is closed by its winning number. Its key is local to this decoder (g1, g2, ...); it survives
 * reconnects, so a result seen again after a replug is not reported twice.
 */
export class CammeghWheelDecoder implements LineDecoder<WheelEventBody> {
  readonly protocol: string;
  private pending: StatusLine | undefined;
  private confirmed: StatusLine | undefined;
  /** The game count last confirmed before a disconnect, until the first status after the reconnect. */
  private countBeforeReconnect: number | undefined;
  private games = 0;
  private open: { key: string; count: number; launched: boolean; resulted: boolean } | undefined;
  private lastResult: { count: number; number: string } | undefined;
  private lastRotor: { rpm: number; direction: string } | undefined;

  constructor(
    private readonly variant: CammeghVariant,
    private readonly layout: WheelLayout,
  ) {
    this.protocol = `cammegh-${variant}`;
  }

  onConnect(): string[] {
    // A half-seen vote from before the disconnect must not be completed by a packet after it.
    this.pending = undefined;
    // Games may have started while unplugged: a number seen next is judged against the last result.
    if (this.open?.resulted) this.open = undefined;
    this.countBeforeReconnect = this.confirmed?.count;
    return [];
  }

  decode(raw: string): DecodeOutput<WheelEventBody> {
    const out = emptyOutput<WheelEventBody>();
    const parsed = parseLine(raw, this.variant);
    if (!parsed.ok) {
      out.rejections.push({ reason: parsed.reason, detail: parsed.detail });
      return out;
    }
    out.valid = true;
    if (parsed.garbage > 0)
      out.rejections.push({
        reason: 'malformed',
        detail: `${parsed.garbage} byte(s) of line noise before the packet`,
      });
    const line = parsed.line;
    switch (line.kind) {
      case 'status':
        this.onStatus(line, out);
        break;
      case 'start':
        this.startGame(undefined, out);
        break;
      case 'noMoreBets':
        if (this.open && !this.open.resulted) out.events.push({ type: 'noMoreBets', game: this.open.key });
        break;
      case 'win':
        this.onWinningNumber(line.number, undefined, undefined, out);
        break;
      case 'legacy':
        this.onLegacy(line.number, out);
        break;
      case 'bonus':
        out.rejections.push({ reason: 'unknown_type', detail: `bonus packet ignored: ${line.text}` });
        break;
    }
    return out;
  }

  private onStatus(line: StatusLine, out: DecodeOutput<WheelEventBody>): void {
    const previous = this.pending;
    this.pending = line;
    if (!previous || voteKey(previous) !== voteKey(line)) return; // wait for a second, agreeing packet
    this.onRotor(previous, line, out);
    if (this.confirmed && voteKey(this.confirmed) === voteKey(line)) return;
    const before = this.confirmed;
    this.confirmed = line;
    this.onWarnings(before?.warnings ?? 0, line, out);
    const countAcrossReconnect = this.countBeforeReconnect;
    this.countBeforeReconnect = undefined;
    if (
      countAcrossReconnect !== undefined &&
      countAcrossReconnect !== line.count &&
      (line.state === 3 || line.state === 4)
    ) {
      // Back after a disconnect with the ball in the track, but the game count moved: the game we
      // knew ended unseen and this is another one. (Assumption: the count does not change between
      // "finish betting" and "no more bets" of one game; docs/protocols/cammegh.md.)
      this.abandonOpenGame('the wheel moved on to another game while disconnected', out);
    } else if (before?.state === line.state) return;
    out.events.push({
      type: 'wheelState',
      state: GAME_STATES[line.state] ?? String(line.state),
      game: this.open?.key,
    });
    switch (line.state) {
      case 2:
        this.startGame(line.count, out);
        break;
      case 3:
        this.ballInTrack(line, out);
        break;
      case 4:
        // "No more bets" is only called with a ball in the track: if the "finish betting" state was
        // missed (noise, a reconnect), the launch is known from this state.
        this.ballInTrack(line, out);
        if (this.open && !this.open.resulted) out.events.push({ type: 'noMoreBets', game: this.open.key });
        break;
      case 5:
        if (line.last !== undefined) this.onWinningNumber(line.last, line.count, line, out);
        break;
      case 6:
        this.abandonOpenGame('the table closed', out);
        out.events.push({ type: 'tableClosed' });
        break;
      default:
        break;
    }
  }

  private ballInTrack(line: StatusLine, out: DecodeOutput<WheelEventBody>): void {
    if (!this.open || this.open.resulted) this.startGame(line.count, out);
    if (this.open && !this.open.launched) {
      this.open.launched = true;
      out.events.push({
        type: 'ballLaunched',
        game: this.open.key,
        direction: line.ext?.ballDirection,
        rotorRpm: line.rotorRpm || undefined,
      });
    }
  }

  private startGame(count: number | undefined, out: DecodeOutput<WheelEventBody>): void {
    this.abandonOpenGame('a new game started', out);
    this.games++;
    this.open = { key: `g${this.games}`, count: count ?? -1, launched: false, resulted: false };
    out.events.push({ type: 'gameStart', game: this.open.key });
  }

  /** A game that was launched but never got its number (e.g. it ended while unplugged): say so, invent nothing. */
  private abandonOpenGame(why: string, out: DecodeOutput<WheelEventBody>): void {
    if (this.open && this.open.launched && !this.open.resulted) {
      out.events.push({
        type: 'sensorError',
        code: 'result_missed',
        text: `game ${this.open.key} ended without a winning number being received (${why})`,
      });
    }
    this.open = undefined;
  }

  private onWinningNumber(
    text: string,
    count: number | undefined,
    status: StatusLine | undefined,
    out: DecodeOutput<WheelEventBody>,
  ): void {
    const number = parseWheelNumber(text, this.layout);
    if (number === undefined || !isOnWheel(this.layout, number)) {
      out.rejections.push({
        reason: 'out_of_range',
        detail: `winning number "${text}" is not a pocket of the ${this.layout} wheel`,
      });
      return;
    }
    const label = numberLabel(number);
    if (this.open?.resulted) {
      if (this.lastResult?.number !== label) {
        out.rejections.push({
          reason: 'conflict',
          detail: `game ${this.open.key} already has ${this.lastResult?.number}, wheel now says ${label}`,
        });
      }
      return;
    }
    if (!this.open) {
      // No game in progress: either the same result seen again (after a reconnect) or one whose game we never saw.
      if (
        this.lastResult &&
        this.lastResult.number === label &&
        (count === undefined || count === this.lastResult.count)
      )
        return;
      this.games++;
      this.open = { key: `g${this.games}`, count: count ?? -1, launched: false, resulted: false };
    }
    const game = this.open;
    game.resulted = true;
    this.lastResult = { count: count ?? game.count, number: label };
    out.events.push({
      type: 'result',
      game: game.key,
      number,
      label,
      colour: colourOf(number),
      pocket: pocketIndex(this.layout, number),
      ballDirection: status?.ext?.ballDirection,
      rotorRpm: status ? status.rotorRpm || undefined : undefined,
      rotorDirection: status?.rotorDirection,
      ballRevolutions: status?.ext?.ballSpins,
      late: !game.launched,
    });
  }

  private onLegacy(text: string, out: DecodeOutput<WheelEventBody>): void {
    const number = parseWheelNumber(text, this.layout);
    if (number === undefined) {
      out.rejections.push({
        reason: 'out_of_range',
        detail: `legacy winning number "${text}" is not a pocket`,
      });
      return;
    }
    // The legacy line is a second copy of the number, kept for display boards: a cross-check only.
    if (
      this.lastResult &&
      this.lastResult.number !== numberLabel(number) &&
      (!this.open || this.open.resulted)
    ) {
      out.rejections.push({
        reason: 'conflict',
        detail: `legacy line says ${numberLabel(number)}, the result was ${this.lastResult.number}`,
      });
    }
  }

  private onWarnings(before: number, line: StatusLine, out: DecodeOutput<WheelEventBody>): void {
    const rising = line.warnings & ~before;
    const game = this.open?.key ?? 'none';
    if (rising & WARNING_FLAGS.rotorSpeed)
      out.events.push({
        type: 'warning',
        code: 'rotor_speed',
        text: `rotor speed ${line.rotorRpm} rpm outside limits`,
      });
    if (rising & WARNING_FLAGS.sameDirection) {
      out.events.push({
        type: 'misspin',
        game,
        reason: 'same_direction',
        detail: 'ball launched in the rotor direction: respin required',
      });
    }
    if (rising & WARNING_FLAGS.rimSensor)
      out.events.push({
        type: 'sensorError',
        code: 'rim_sensor',
        text: 'rim sensor failure: no winning number',
      });
    if (rising & WARNING_FLAGS.voidGame) {
      out.events.push({
        type: 'misspin',
        game,
        reason: 'void',
        detail: 'void game: ball left the wheel, launch too slow, or rotor tampering',
      });
    }
    if (line.ext && (line.ext.flags & 0x80) !== 0 && this.open?.launched && !this.open.resulted) {
      out.events.push({
        type: 'warning',
        code: 'no_ball',
        text: `wheel reports no ball during game ${this.open.key}: ${extendedFlagNames(line.ext.flags).join(', ')}`,
      });
    }
  }

  private onRotor(a: StatusLine, b: StatusLine, out: DecodeOutput<WheelEventBody>): void {
    if (a.rotorDirection !== b.rotorDirection || Math.abs(a.rotorRpm - b.rotorRpm) > 2) return;
    const last = this.lastRotor;
    if (last && last.direction === b.rotorDirection && Math.abs(last.rpm - b.rotorRpm) < 0.5) return;
    this.lastRotor = { rpm: b.rotorRpm, direction: b.rotorDirection };
    out.events.push({ type: 'rotor', rpm: b.rotorRpm, direction: b.rotorDirection });
  }
}

/** What two consecutive status packets must agree on before the desk acts on them. */
function voteKey(s: StatusLine): string {
  const base = `${s.state}|${s.count}|${s.last ?? ''}|${s.warnings}`;
  if (s.state === 5 && s.ext) return `${base}|${s.ext.ballSpins}|${s.ext.pocket ?? ''}`;
  return base;
}
