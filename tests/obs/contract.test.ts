import { obsContract } from './support/contract';
import { FakeObs } from './support/fake-obs';

obsContract('fake OBS', async () => {
  const obs = await FakeObs.start({
    password: 'contract-pw',
    scenes: [
      { name: 'Table Wide', sources: ['Wide Camera'] },
      { name: 'Betting', sources: ['Betting Board'] },
      { name: 'Wheel Close-up', sources: ['Wheel Camera', 'No More Bets'] },
      { name: 'Result', sources: ['Result Camera', 'Result Text'] },
    ],
    texts: { 'Result Text': '', 'No More Bets': 'NO MORE BETS' },
  });
  return { url: obs.url, password: 'contract-pw', stop: () => obs.close() };
});
