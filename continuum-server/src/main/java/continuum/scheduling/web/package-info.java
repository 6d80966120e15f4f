/**
 * The scheduling pages: day and week calendar per resource, booking from the chart,
 * today's worklist with check-in, and the appointment detail with its history.
 */
@NullMarked
package continuum.scheduling.web;

import org.jspecify.annotations.NullMarked;
