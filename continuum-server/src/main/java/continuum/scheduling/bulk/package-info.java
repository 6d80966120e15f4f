/**
 * Bulk rescheduling: every booked appointment of a resource, a department or the whole
 * hospital in a time window moved to the earliest fitting slots, reviewed by a scheduler
 * and rebooked one by one, as a persisted process that a stopped run continues. Published
 * as the {@code bulk} named interface so that continuity's impact analysis can move the
 * appointments an outage hit.
 */
@NullMarked
@NamedInterface("bulk")
package continuum.scheduling.bulk;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
