/**
 * Patients' privacy: restricted records (VIP, staff, sensitive), the rule that opens them
 * only to the care team, break-the-glass with its review queue, and the "who looked at my
 * record" report. Sits above the patients, ADT, scheduling, lab and imaging modules,
 * whose public APIs say who is in a patient's care.
 */
@NullMarked
package continuum.privacy;

import org.jspecify.annotations.NullMarked;
