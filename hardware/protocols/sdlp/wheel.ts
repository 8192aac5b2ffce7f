import { z } from 'zod';
import {
  colourOf,
  isOnWheel,
  numberLabel,
  parseWheelNumber,
  pocketIndex,
  type WheelLayout,
} from '../../wheel/layout';
import type { Direction, MisspinReason, WheelEventBody } from '../types';
import { FieldError, SdlpDecoder, fieldsOf, type SdlpHandler } from './decoder';

const game = z.string().regex(/^[A-Za-z0-9._:-]{1,32}$/, 'game id expected');
const dir = z.enum(['cw', 'ccw']);
const rpm = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'rpm expected')
  .transform(Number);
const count = z
  .string()
  .regex(/^\d{1,4}$/, 'count expected')
  .transform(Number);
const text = z.string().max(64).default('');

const MISSPIN_REASONS = ['no_spin', 'ball_out', 'same_direction', 'too_slow', 'void', 'unknown'] as const;

/** Field schemas per frame type, built once (a schema per frame would cost more than the frame). */
const F = {
  game: z.object({ game }),
  launch: z.object({ game, dir: dir.optional(), rpm: rpm.optional() }),
  result: z.object({
    game,
    n: z.string(),
    dir: dir.optional(),
    rpm: rpm.optional(),
    rdir: dir.optional(),
    revs: count.optional(),
  }),
  misspin: z.object({ game, reason: z.enum(MISSPIN_REASONS), text }),
  notice: z.object({ code: z.string().min(1), text }),
  hello: z.object({
    model: z.string().default('unknown'),
    fw: z.string().default('unknown'),
    layout: z.enum(['EU', 'US']).optional(),
  }),
  heartbeat: z.object({ rpm: rpm.optional(), dir: dir.optional() }),
};

/**
 * SDLP wheel frames → wheel events. Frame types: START, LAUNCH, NMB, RESULT, MISSPIN, WARN, ERR,
 * CLOSED, plus HELLO and HB. See docs/protocols/sdlp.md for every field.
 */
export function createSdlpWheelDecoder(layout: WheelLayout): SdlpDecoder<WheelEventBody> {
  const launched: string[] = [];
  const rememberLaunch = (g: string) => {
    launched.push(g);
    if (launched.length > 32) launched.shift();
  };

  const handlers: Record<string, SdlpHandler<WheelEventBody>> = {
    START: (f) => [{ type: 'gameStart', game: fieldsOf(F.game, f).game }],
    LAUNCH: (f) => {
      const v = fieldsOf(F.launch, f);
      rememberLaunch(v.game);
      return [{ type: 'ballLaunched', game: v.game, direction: v.dir, rotorRpm: v.rpm }];
    },
    NMB: (f) => [{ type: 'noMoreBets', game: fieldsOf(F.game, f).game }],
    RESULT: (f) => {
      const v = fieldsOf(F.result, f);
      const number = parseWheelNumber(v.n, layout);
      if (number === undefined || !isOnWheel(layout, number)) {
        throw new FieldError(`n=${v.n} is not a pocket of the ${layout} wheel`, 'out_of_range');
      }
      return [
        {
          type: 'result',
          game: v.game,
          number,
          label: numberLabel(number),
          colour: colourOf(number),
          pocket: pocketIndex(layout, number),
          ballDirection: v.dir as Direction | undefined,
          rotorRpm: v.rpm,
          rotorDirection: v.rdir as Direction | undefined,
          ballRevolutions: v.revs,
          late: !launched.includes(v.game),
        },
      ];
    },
    MISSPIN: (f) => {
      const v = fieldsOf(F.misspin, f);
      return [{ type: 'misspin', game: v.game, reason: v.reason as MisspinReason, detail: v.text }];
    },
    WARN: (f) => {
      const v = fieldsOf(F.notice, f);
      return [{ type: 'warning', code: v.code, text: v.text }];
    },
    ERR: (f) => {
      const v = fieldsOf(F.notice, f);
      return [{ type: 'sensorError', code: v.code, text: v.text }];
    },
    CLOSED: () => [{ type: 'tableClosed' }],
  };

  const onHello = (f: Record<string, string>): WheelEventBody[] => {
    const v = fieldsOf(F.hello, f);
    const seen: WheelLayout | undefined =
      v.layout === 'US' ? 'american' : v.layout === 'EU' ? 'european' : undefined;
    const out: WheelEventBody[] = [
      { type: 'hello', model: v.model, firmware: v.fw, layout: seen, game: f.game },
    ];
    if (seen && seen !== layout) {
      out.push({
        type: 'sensorError',
        code: 'layout_mismatch',
        text: `wheel reports a ${seen} layout, the desk is configured for ${layout}`,
      });
    }
    return out;
  };

  const onHeartbeat = (f: Record<string, string>): WheelEventBody[] => {
    const v = F.heartbeat.safeParse(f);
    if (v.success && v.data.rpm !== undefined && v.data.dir)
      return [{ type: 'rotor', rpm: v.data.rpm, direction: v.data.dir }];
    return [];
  };

  return new SdlpDecoder('sdlp', 'W', handlers, onHello, onHeartbeat);
}
