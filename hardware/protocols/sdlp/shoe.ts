import { z } from 'zod';
import { parseCard } from '../../cards';
import type { ShoeEventBody } from '../types';
import { FieldError, SdlpDecoder, fieldsOf, type SdlpHandler } from './decoder';

const shoe = z.string().regex(/^[A-Za-z0-9._:-]{1,32}$/, 'shoe id expected');
const index = z
  .string()
  .regex(/^\d{1,4}$/, 'card index expected')
  .transform(Number);
const decks = z
  .string()
  .regex(/^\d{1,2}$/, 'deck count expected')
  .transform(Number);
const text = z.string().max(64).default('');

/** Field schemas per frame type, built once. */
const F = {
  card: z.object({ shoe, i: index, c: z.string(), burn: z.enum(['0', '1']).default('0') }),
  cut: z.object({ shoe, i: index }),
  inserted: z.object({ shoe, decks: decks.optional() }),
  removed: z.object({ shoe }),
  notice: z.object({ code: z.string().min(1), text }),
  hello: z.object({
    model: z.string().default('unknown'),
    fw: z.string().default('unknown'),
    shoe: shoe.optional(),
    decks: decks.optional(),
  }),
};

/** SDLP shoe frames → shoe events. Frame types: CARD, CUT, IN, OUT, ERR, plus HELLO and HB. */
export function createSdlpShoeDecoder(): SdlpDecoder<ShoeEventBody> {
  const handlers: Record<string, SdlpHandler<ShoeEventBody>> = {
    CARD: (f) => {
      const v = fieldsOf(F.card, f);
      const card = parseCard(v.c);
      if (!card) throw new FieldError(`c=${v.c} is not a card`, 'out_of_range');
      if (v.i < 1) throw new FieldError(`i=${v.i}: card indexes start at 1`, 'out_of_range');
      return [{ type: 'card', shoe: v.shoe, index: v.i, card, burn: v.burn === '1' }];
    },
    CUT: (f) => {
      const v = fieldsOf(F.cut, f);
      return [{ type: 'cutCard', shoe: v.shoe, index: v.i }];
    },
    IN: (f) => {
      const v = fieldsOf(F.inserted, f);
      return [{ type: 'shoeInserted', shoe: v.shoe, decks: v.decks }];
    },
    OUT: (f) => [{ type: 'shoeRemoved', shoe: fieldsOf(F.removed, f).shoe }],
    ERR: (f) => {
      const v = fieldsOf(F.notice, f);
      return [{ type: 'readerError', code: v.code, text: v.text }];
    },
  };
  const onHello = (f: Record<string, string>): ShoeEventBody[] => {
    const v = fieldsOf(F.hello, f);
    return [{ type: 'hello', model: v.model, firmware: v.fw, shoe: v.shoe, decks: v.decks }];
  };
  return new SdlpDecoder('sdlp', 'S', handlers, onHello);
}
