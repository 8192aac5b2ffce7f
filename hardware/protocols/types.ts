import type { WheelLayout, WheelNumber, PocketColour } from '../wheel/layout';
import type { CardCode } from '../cards';

/** Why a frame was not turned into an event. Every rejection is counted per reason. */
export const REJECT_REASONS = [
  'oversize',
  'checksum',
  'malformed',
  'unknown_type',
  'out_of_range',
  'duplicate',
  'sequence_gap',
  'conflict',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Rejection {
  reason: RejectReason;
  detail: string;
  /** The frame as received (latin1), for the technician's view and the capture. */
  raw: string;
}

/** What every decoded event carries: who saw it, when, and the frame(s) it came from (evidence). */
export interface EventMeta {
  /** Wall-clock ms when the last byte of the deciding frame was decoded. */
  at: number;
  /** Monotonic ms (performance.now) of the same moment, for latency figures. */
  mono: number;
  /** The frames as received that this event was decoded from. */
  frames: string[];
}

export type Direction = 'cw' | 'ccw';

export type MisspinReason = 'no_spin' | 'ball_out' | 'same_direction' | 'too_slow' | 'void' | 'unknown';

export type WheelEventBody =
  | { type: 'hello'; model: string; firmware: string; layout?: WheelLayout; game?: string }
  | { type: 'gameStart'; game: string }
  | { type: 'ballLaunched'; game: string; direction?: Direction; rotorRpm?: number }
  | { type: 'noMoreBets'; game: string }
  | {
      type: 'result';
      game: string;
      number: WheelNumber;
      label: string;
      colour: PocketColour;
      /** Index of the pocket in the layout's clockwise order from 0. */
      pocket: number;
      ballDirection?: Direction;
      rotorRpm?: number;
      rotorDirection?: Direction;
      ballRevolutions?: number;
      /** True when the result was seen without its game's ball launch (e.g. desk connected mid-game). */
      late: boolean;
    }
  | { type: 'misspin'; game: string; reason: MisspinReason; detail: string }
  | { type: 'rotor'; rpm: number; direction: Direction }
  | { type: 'warning'; code: string; text: string }
  | { type: 'sensorError'; code: string; text: string }
  | { type: 'wheelState'; state: string; game?: string }
  | { type: 'tableClosed' };

export type ShoeEventBody =
  | { type: 'hello'; model: string; firmware: string; shoe?: string; decks?: number }
  | { type: 'card'; shoe: string; index: number; card: CardCode; burn: boolean }
  | { type: 'cutCard'; shoe: string; index: number }
  | { type: 'shoeInserted'; shoe: string; decks?: number }
  | { type: 'shoeRemoved'; shoe: string }
  | { type: 'readerError'; code: string; text: string };

export type WheelEvent = WheelEventBody & EventMeta;
export type ShoeEvent = ShoeEventBody & EventMeta;
export type DeviceKind = 'wheel' | 'shoe';
export type DeviceEventBody = WheelEventBody | ShoeEventBody;

/** What a decoder makes of one line. */
export interface DecodeOutput<B> {
  events: B[];
  rejections: Omit<Rejection, 'raw'>[];
  /** Lines to send back to the device (acknowledgements), without line ends. */
  replies: string[];
  /** The line was a well-formed frame of the protocol (it proves the device is alive). */
  valid: boolean;
}

/**
 * A protocol decoder: pure apart from its own memory (sequence numbers, votes, games seen), which
 * survives reconnects so that nothing is reported twice.
 */
export interface LineDecoder<B> {
  readonly protocol: string;
  decode(line: string): DecodeOutput<B>;
  /** Called on every (re)connect: returns lines to send (e.g. a resync request) and drops half-seen state. */
  onConnect(): string[];
}

export function emptyOutput<B>(): DecodeOutput<B> {
  return { events: [], rejections: [], replies: [], valid: false };
}

export function rejectOnly<B>(reason: RejectReason, detail: string): DecodeOutput<B> {
  return { events: [], rejections: [{ reason, detail }], replies: [], valid: false };
}
