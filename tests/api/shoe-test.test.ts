import { describe, expect, it } from 'vitest';
import {
  onCard,
  onReaderError,
  onRejectedFrame,
  shoeReport,
  startShoeTest,
} from '../../engine/calibration/shoe-test';

describe('shoe reader test (pure)', () => {
  it('passes ten cards numbered without a gap', () => {
    let t = startShoeTest('tech', 0);
    for (let i = 1; i <= 9; i++) t = onCard(t, i, 'AS', false, i);
    expect(shoeReport(t)).toEqual({ cards: 9, passed: false, problems: ['1 more card(s) to draw'] });
    t = onCard(t, 10, 'KD', false, 10);
    expect(shoeReport(t)).toEqual({ cards: 10, passed: true, problems: [] });
  });

  it('names gaps, repeated numbers, reader errors and rejected frames', () => {
    let t = startShoeTest('tech', 0);
    t = onCard(t, 1, 'AS', true, 0);
    t = onCard(t, 4, '2H', false, 0);
    t = onCard(t, 4, '2H', false, 0);
    t = onReaderError(t, 'jam', 'card stuck');
    t = onRejectedFrame(t, 'checksum: bad crc');
    expect(shoeReport(t).problems).toEqual([
      'card numbers 2–3 never reached the desk',
      'card number 4 reported twice',
      'reader error jam: card stuck',
      'frame rejected: checksum: bad crc',
      '7 more card(s) to draw',
    ]);
  });
});
