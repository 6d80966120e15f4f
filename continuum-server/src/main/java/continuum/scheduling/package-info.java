/**
 * Scheduling: schedules of practitioners, rooms and devices, weekly templates and
 * exceptions, slots generated for a rolling horizon, free-slot search, and appointments
 * that hold slots. A slot is never double-booked: the database refuses it.
 */
@NullMarked
package continuum.scheduling;

import org.jspecify.annotations.NullMarked;
