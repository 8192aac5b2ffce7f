// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HeldRound } from '../../contract/views';
import HeldRoundCard from '../../renderer/src/components/HeldRoundCard.vue';
import SigningKeys from '../../renderer/src/components/SigningKeys.vue';
import LoginScreen from '../../renderer/src/views/LoginScreen.vue';
import { useDeskStore } from '../../renderer/src/stores/desk';
import { useSessionStore } from '../../renderer/src/stores/session';
import { FakeTransport, rouletteState, snapshot } from './fakes';

let transport: FakeTransport;

beforeEach(() => {
  setActivePinia(createPinia());
  transport = new FakeTransport();
  useDeskStore().attach(transport, () => undefined);
});

const REVIEW: HeldRound = {
  roundId: 't1-9',
  kind: 'review',
  since: 0,
  reason: 'camera reads 26, sensor 17',
  code: 'disagree',
  resolutions: [],
  decisions: ['accept_sensor', 'accept_camera', 'void'],
  sensor: ['17'],
  camera: [{ label: '26', confidence: 0.93 }],
  frame: { sha256: 'ab'.repeat(32), camera: 'wheel', image: 'data:image/png;base64,iVBORw0KGgo=' },
};

describe('HeldRoundCard', () => {
  it('shows both readings and the frame side by side', () => {
    const w = mount(HeldRoundCard, { props: { held: REVIEW } });
    expect(w.get('[data-testid=sensor-reading]').text()).toBe('17');
    expect(w.get('[data-testid=camera-reading]').text()).toContain('26');
    expect(w.get('[data-testid=camera-reading]').text()).toContain('93 %');
    expect(w.get('img').attributes('src')).toBe(REVIEW.frame?.image);
  });

  it('needs a reason before any decision, then sends the review with it', async () => {
    const w = mount(HeldRoundCard, { props: { held: REVIEW } });
    const buttons = w.findAll('button.decision');
    expect(buttons.map((b) => b.text())).toEqual(['Accept sensor', 'Accept camera', 'Void round']);
    expect(buttons.every((b) => b.attributes('disabled') !== undefined)).toBe(true);
    await w.get('input').setValue('ball bounced, camera right');
    await w.findAll('button.decision')[1]!.trigger('click');
    await flushPromises();
    expect(transport.requests).toEqual([
      {
        method: 'review.decide',
        params: { roundId: 't1-9', decision: 'accept_camera', reason: 'ball bounced, camera right' },
      },
    ]);
  });

  it('resolves an interruption with the engine command: accept with the number read off the wheel', async () => {
    const held: HeldRound = {
      ...REVIEW,
      kind: 'interruption',
      code: 'result_missed',
      resolutions: ['void', 'acceptResult'],
      decisions: [],
      sensor: [],
      camera: [],
      frame: null,
    };
    const w = mount(HeldRoundCard, { props: { held } });
    await w.get('input[name^=reason]').setValue('read 5 off the wheel');
    await w.get('input[name^=number]').setValue('5');
    await w.findAll('button.decision')[1]!.trigger('click');
    await flushPromises();
    expect(transport.requests).toEqual([
      {
        method: 'round.command',
        params: { cmd: 'acceptResult', roundId: 't1-9', reason: 'read 5 off the wheel', number: 5 },
      },
    ]);
  });
});

describe('LoginScreen', () => {
  it('logs in with the chosen role and applies the snapshot', async () => {
    transport.answers['session.login'] = {
      ok: true,
      value: {
        session: {
          user: { id: 'f1', name: 'Flo', role: 'floor_manager', actions: ['voidRound'] },
          token: 'x'.repeat(43),
          expiresAt: 0,
        },
        snapshot: snapshot(rouletteState()),
      },
    };
    const w = mount(LoginScreen);
    await w.get('input[value=floor_manager]').setValue(true);
    await w.get('#login-user').setValue('f1');
    await w.get('#login-secret').setValue('secret-password');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(transport.requests[0]).toEqual({
      method: 'session.login',
      params: { role: 'floor_manager', userId: 'f1', secret: 'secret-password' },
    });
    expect(useSessionStore().user?.role).toBe('floor_manager');
    expect(useDeskStore().info?.tableName).toBe('Table 1');
  });

  it('shows the refusal and clears the secret', async () => {
    transport.answers['session.login'] = {
      ok: false,
      error: { code: 'login_refused', message: 'unknown user or wrong PIN/password' },
    };
    const w = mount(LoginScreen);
    await w.get('#login-user').setValue('d1');
    await w.get('#login-secret').setValue('9999');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid=login-error]').text()).toBe('unknown user or wrong PIN/password');
    expect((w.get('#login-secret').element as HTMLInputElement).value).toBe('');
  });
});

describe('SigningKeys', () => {
  const VIEW = {
    protection: 'safeStorage',
    keys: [
      { kid: 'k-new', created: '2026-12-02T08:00:00.000Z', current: true },
      {
        kid: 'k-old',
        created: '2026-11-01T08:00:00.000Z',
        retired: '2026-12-02T08:00:00.000Z',
        current: false,
      },
    ],
  };

  it('lists the keys and rotates only with a reason and a confirmation', async () => {
    transport.answers['keys.view'] = { ok: true, value: VIEW };
    transport.answers['keys.rotate'] = { ok: true, value: { previousKid: 'k-old', kid: 'k-new', seq: 7 } };
    const w = mount(SigningKeys);
    await flushPromises();
    expect(w.text()).toContain('OS keychain (safeStorage)');
    expect(w.get('[data-testid=keys-list]').text()).toContain('k-new signs now');
    expect(w.get('[data-testid=keys-list]').text()).toContain('k-old retired');
    const button = () => w.get('form button');
    expect(button().attributes('disabled')).toBeDefined();
    await w.get('input[name=rotate-reason]').setValue('quarterly rotation');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(transport.requests.map((r) => r.method)).toEqual(['keys.view']);
    expect(button().text()).toBe('Confirm: rotate now');
    expect(w.find('[data-testid=keys-confirm]').exists()).toBe(true);
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(transport.requests[1]).toEqual({
      method: 'keys.rotate',
      params: { reason: 'quarterly rotation' },
    });
    expect(useDeskStore().notice?.text).toContain('k-new signs from now on');
  });

  it('says why when the desk signs no outcomes', async () => {
    transport.answers['keys.view'] = {
      ok: false,
      error: { code: 'unavailable', message: 'this desk signs no outcomes (no platform section)' },
    };
    const w = mount(SigningKeys);
    await flushPromises();
    expect(w.get('[data-testid=keys-unavailable]').text()).toMatch(/no platform section/);
    expect(w.find('form').exists()).toBe(false);
  });
});
