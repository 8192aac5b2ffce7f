/**
 * What a floor manager may do about each kind of interruption. A void ends any of them; the other
 * resolutions continue the round.
 */
import type { InterruptionCode } from './state';

export type Resolution = 'void' | 'respin' | 'acceptResult';

export const RESOLUTIONS: Readonly<Record<InterruptionCode, readonly Resolution[]>> = {
  /** Accept the number read off the wheel, entered by the floor manager. */
  result_missed: ['void', 'acceptResult'],
  recovery: ['void', 'acceptResult'],
  /** Accept the number if no bet was taken after the ball landed. */
  result_during_betting: ['void', 'acceptResult'],
  /** Allow one more launch. */
  misspin_limit: ['void', 'respin'],
  /** Accept the round as it stands: the stray card counts as burned. */
  stray_card: ['void', 'acceptResult'],
  misdeal: ['void'],
  cards_missed: ['void'],
  shoe_changed: ['void'],
};

export function resolves(code: InterruptionCode, resolution: Resolution): boolean {
  return RESOLUTIONS[code].includes(resolution);
}
