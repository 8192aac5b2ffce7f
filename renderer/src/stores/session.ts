/**
 * Who is logged in on this screen. The token is kept in sessionStorage (this tab only) so a reload
 * or a reconnect resumes the session; logging out or an ended session forgets it.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Action, Role, UserView } from '../../../contract/views';
import { useDeskStore } from './desk';

const TOKEN_KEY = 'studio-desk.session';

export const useSessionStore = defineStore('session', () => {
  const user = ref<UserView | null>(null);
  const busy = ref(false);
  const error = ref<string | null>(null);
  const endedReason = ref<string | null>(null);

  const can = (a: Action) => computed(() => user.value?.actions.includes(a) ?? false);

  function storage(): Storage | null {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  }

  async function login(role: Role, userId: string, secret: string): Promise<boolean> {
    const desk = useDeskStore();
    if (!desk.transport) return false;
    busy.value = true;
    error.value = null;
    try {
      const r = await desk.transport.request('session.login', { role, userId, secret });
      if (!r.ok) {
        error.value = r.error.message;
        return false;
      }
      storage()?.setItem(TOKEN_KEY, r.value.session.token);
      user.value = r.value.session.user;
      endedReason.value = null;
      desk.apply(r.value.snapshot);
      return true;
    } finally {
      busy.value = false;
    }
  }

  /** After a (re)connect: picks the session up again if this tab has one. */
  async function resume(): Promise<void> {
    const desk = useDeskStore();
    const token = storage()?.getItem(TOKEN_KEY);
    if (!desk.transport || !token) return;
    busy.value = true;
    try {
      const r = await desk.transport.request('session.resume', { token });
      if (r.ok) {
        user.value = r.value.session.user;
        desk.apply(r.value.snapshot);
      } else if (r.error.code !== 'unavailable') {
        forget(r.error.message);
      }
    } finally {
      busy.value = false;
    }
  }

  async function logout(): Promise<void> {
    await useDeskStore().transport?.request('session.logout', {});
    forget(null);
  }

  function forget(reason: string | null): void {
    storage()?.removeItem(TOKEN_KEY);
    user.value = null;
    endedReason.value = reason;
  }

  return { user, busy, error, endedReason, can, login, resume, logout, forget };
});
