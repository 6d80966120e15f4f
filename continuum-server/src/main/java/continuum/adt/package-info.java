/**
 * Admission, discharge and transfer: wards, rooms and beds, encounters with their bed
 * history, and the census per ward. A bed holds at most one patient, enforced by the
 * database.
 */
@NullMarked
package continuum.adt;

import org.jspecify.annotations.NullMarked;
