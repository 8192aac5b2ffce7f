/** Decoded device events as the wheel and shoe drivers emit them (bodies; the harness adds the meta). */
import type { CardCode } from '../../../hardware/cards';
import type {
  Direction,
  MisspinReason,
  ShoeEventBody,
  WheelEventBody,
} from '../../../hardware/protocols/types';
import {
  colourOf,
  numberLabel,
  pocketIndex,
  type WheelLayout,
  type WheelNumber,
} from '../../../hardware/wheel/layout';

export const wheel = {
  gameStart: (game: string): WheelEventBody => ({ type: 'gameStart', game }),
  launched: (game: string, direction?: Direction): WheelEventBody =>
    direction === undefined ? { type: 'ballLaunched', game } : { type: 'ballLaunched', game, direction },
  noMoreBets: (game: string): WheelEventBody => ({ type: 'noMoreBets', game }),
  result: (
    game: string,
    number: WheelNumber,
    layout: WheelLayout = 'european',
    late = false,
  ): WheelEventBody => ({
    type: 'result',
    game,
    number,
    label: numberLabel(number),
    colour: colourOf(number),
    pocket: pocketIndex(layout, number),
    late,
  }),
  misspin: (game: string, reason: MisspinReason): WheelEventBody => ({
    type: 'misspin',
    game,
    reason,
    detail: `wheel reports ${reason}`,
  }),
  sensorError: (code: string): WheelEventBody => ({
    type: 'sensorError',
    code,
    text: `${code} reported by the wheel`,
  }),
  rotor: (direction: Direction): WheelEventBody => ({ type: 'rotor', rpm: 24, direction }),
};

export const shoe = {
  inserted: (id: string, decks?: number): ShoeEventBody =>
    decks === undefined ? { type: 'shoeInserted', shoe: id } : { type: 'shoeInserted', shoe: id, decks },
  removed: (id: string): ShoeEventBody => ({ type: 'shoeRemoved', shoe: id }),
  card: (id: string, index: number, card: CardCode, burn = false): ShoeEventBody => ({
    type: 'card',
    shoe: id,
    index,
    card,
    burn,
  }),
  cut: (id: string, index: number): ShoeEventBody => ({ type: 'cutCard', shoe: id, index }),
};
