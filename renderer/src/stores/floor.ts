/** The floor manager's domain: rounds held for a decision, and the audit trail search. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AuditPage, HeldRound } from '../../../contract/views';

export const useFloorStore = defineStore('floor', () => {
  const held = ref<HeldRound[]>([]);
  const audit = ref<AuditPage | null>(null);
  const auditQuery = ref({ text: '', kind: 'command.,round.,session.,studio.,link.' });
  const searching = ref(false);

  function applyHeld(h: HeldRound[]): void {
    held.value = h;
  }

  function applyAudit(page: AuditPage): void {
    audit.value = page;
  }

  return { held, audit, auditQuery, searching, applyHeld, applyAudit };
});
