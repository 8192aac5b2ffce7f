/** Which card the shoe should give next, in the words the dealer's screen shows. */
import { nextDraw } from '../games/baccarat';
import type { ShoeRecord } from './state';

/**
 * 'burn card' (the face-up first card), 'burn (3 left)', 'player 1', 'banker 3'; null when no card
 * is expected (between hands, or the shoe must change).
 */
export function nextCardLabel(shoe: ShoeRecord | undefined): string | null {
  if (!shoe) return null;
  const stage = shoe.rules.stage;
  switch (stage.kind) {
    case 'awaiting_burn_card':
      return 'burn card';
    case 'burning':
      return `burn (${stage.left} left)`;
    case 'in_hand': {
      const next = nextDraw(stage.hand);
      return next.done ? null : `${next.to} ${next.position}`;
    }
    default:
      return null;
  }
}
