/** A light per device and subsystem, with the reason in words. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DeskSnapshot, DeviceView, SubsystemView } from '../../../contract/views';

export const useHealthStore = defineStore('health', () => {
  const devices = ref<DeviceView[]>([]);
  const subsystems = ref<SubsystemView[]>([]);

  function applySnapshot(s: DeskSnapshot): void {
    devices.value = s.devices;
    subsystems.value = s.subsystems;
  }

  function applyDevice(d: DeviceView): void {
    const i = devices.value.findIndex((x) => x.name === d.name);
    if (i >= 0) devices.value.splice(i, 1, d);
    else devices.value.push(d);
  }

  function applySubsystem(s: SubsystemView): void {
    const i = subsystems.value.findIndex((x) => x.name === s.name);
    if (i >= 0) subsystems.value.splice(i, 1, s);
    else subsystems.value.push(s);
  }

  return { devices, subsystems, applySnapshot, applyDevice, applySubsystem };
});
