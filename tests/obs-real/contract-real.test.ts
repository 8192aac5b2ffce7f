import { obsContract } from '../obs/support/contract';
import { haveObs, startRealObs } from './support/real-obs';

obsContract(
  'real OBS Studio 29 (headless)',
  async () => {
    const obs = await startRealObs();
    return { url: obs.url, password: obs.password, stop: () => obs.stop() };
  },
  haveObs(),
);
