// How an RT Structure Set and an RT Plan name themselves: the same attributes in the Structure Set
// Module (PS3.3 C.8.8.5) and the RT General Plan Module (C.8.8.9).

/** Label (Type 1), then Name, Description (Type 3), Date and Time (Type 2): "" when absent or empty. */
export interface RTIdentification {
  sopInstanceUID: string;
  /** Structure Set Label (3006,0002) or RT Plan Label (300A,0002). */
  label: string;
  name: string;
  description: string;
  date: string;
  time: string;
}
