// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useDeskStore } from '../../renderer/src/stores/desk';
import { useSessionStore } from '../../renderer/src/stores/session';
import DealerView from '../../renderer/src/views/DealerView.vue';
import { FakeTransport, rouletteState, snapshot } from './fakes';

let transport: FakeTransport;
const mounted: { unmount(): void }[] = [];

function setup(actions = ['openBetting', 'closeBetting', 'settleRound', 'respin', 'switchCamera']) {
  setActivePinia(createPinia());
  transport = new FakeTransport();
  const desk = useDeskStore();
  desk.attach(transport, () => undefined);
  useSessionStore().user = { id: 'd1', name: 'Dee', role: 'dealer', actions: actions as never };
  desk.apply(snapshot(rouletteState()));
  const wrapper = mount(DealerView, { attachTo: document.body });
  mounted.push(wrapper);
  return wrapper;
}

beforeEach(() => (document.body.innerHTML = ''));
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

describe('DealerView', () => {
  it('shows the phase, the countdown, the last results and one large next action', () => {
    const w = setup();
    expect(w.get('[data-testid=phase]').text()).toBe('Betting open');
    expect(Number(w.get('[data-testid=timer]').text().replace('s', ''))).toBeGreaterThan(10);
    expect(w.get('[data-testid=primary-action]').text()).toContain('Close betting');
    expect(w.findAll('.result-chip').map((c) => c.text())).toEqual(['32']);
    expect(w.get('.result-chip').classes()).toContain('result-chip--red');
  });

  it('runs the next action on Enter, naming the round the screen shows', async () => {
    setup();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await flushPromises();
    expect(transport.requests).toEqual([
      { method: 'round.command', params: { cmd: 'closeBetting', roundId: 't1-7' } },
    ]);
  });

  it("shows a refusal in the engine's words", async () => {
    const w = setup();
    transport.answers['round.command'] = {
      ok: false,
      error: { code: 'stale_round', message: 'the table is on round t1-8' },
    };
    await w.get('[data-testid=primary-action]').trigger('click');
    await flushPromises();
    expect(useDeskStore().notice?.text).toBe('Refused: stale round: the table is on round t1-8');
  });

  it('follows state events: the result replaces the timer and the action becomes Settle', async () => {
    const w = setup();
    const s = rouletteState({ phase: 'result' });
    s.round!.roulette!.winningNumber = 0;
    transport.push({ event: 'state', data: s });
    await flushPromises();
    expect(w.find('[data-testid=timer]').exists()).toBe(false);
    expect(w.get('[data-testid=number]').text()).toBe('0');
    expect(w.get('[data-testid=number]').classes()).toContain('dealer__number--green');
    expect(w.get('[data-testid=primary-action]').text()).toContain('Settle 0');
  });

  it('picks a camera with its number key, and lights say what is wrong in words', async () => {
    const w = setup();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '2' }));
    await flushPromises();
    expect(transport.requests).toEqual([{ method: 'studio.camera', params: { camera: 'wheel' } }]);
    const wheel = w.findAll('.light').find((l) => l.text().includes('Wheel'));
    expect(wheel?.classes()).toContain('light--warn');
    expect(wheel?.text()).toContain('Silent');
    expect(wheel?.text()).toContain('no frame for 3 s');
    const obs = w.findAll('.light').find((l) => l.text().includes('OBS'));
    expect(obs?.text()).toContain('Off');
    const vision = w.findAll('.light').find((l) => l.text().includes('Vision'));
    expect(vision?.get('[role=progressbar]').text()).toContain('loading model 30 %');
  });

  it('offers no command to a role that may not run rounds', () => {
    const w = setup(['calibrateWheel']);
    expect(w.find('[data-testid=primary-action]').exists()).toBe(false);
    expect(w.get('[data-testid=primary-wait]').text()).toBe('Close betting');
    expect(w.findAll('.camera-button').every((b) => b.attributes('disabled') !== undefined)).toBe(true);
  });
});
