import type { User } from '../../../engine/rounds';

export const DEALER: User = { id: 'dl-bo', role: 'dealer' };
export const FLOOR_MANAGER: User = { id: 'fm-ana', role: 'floor_manager' };
export const TECHNICIAN: User = { id: 'tc-ed', role: 'technician' };
