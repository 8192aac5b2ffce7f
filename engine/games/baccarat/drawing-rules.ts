/**
 * The punto banco third-card rules (the tableau). Naturals are decided before these apply:
 * when either side has a natural 8 or 9 on two cards, neither side draws.
 */

/** The player draws a third card on a two-card total of 0–5 and stands on 6–7. */
export function playerDrawsThird(playerTotal: number): boolean {
  return playerTotal <= 5;
}

/**
 * The banker's third card when the player stood on two cards: the banker draws on 0–5
 * and stands on 6–7, like the player.
 */
export function bankerDrawsAfterPlayerStood(bankerTotal: number): boolean {
  return bankerTotal <= 5;
}

/**
 * The banker's third card when the player drew one, by the banker's two-card total and the point
 * value (0–9) of the player's third card:
 * 0–2 draws; 3 draws unless the third card is 8; 4 draws on 2–7; 5 draws on 4–7; 6 draws on 6–7;
 * 7 (and a natural 8–9) stands.
 */
export function bankerDrawsAfterPlayerDrew(bankerTotal: number, playerThirdPoints: number): boolean {
  const t = playerThirdPoints;
  switch (bankerTotal) {
    case 0:
    case 1:
    case 2:
      return true;
    case 3:
      return t !== 8;
    case 4:
      return t >= 2 && t <= 7;
    case 5:
      return t >= 4 && t <= 7;
    case 6:
      return t === 6 || t === 7;
    default:
      return false;
  }
}
