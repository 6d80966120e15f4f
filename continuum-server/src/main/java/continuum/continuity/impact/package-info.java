/**
 * Impact analysis: from the data, what an outage hit (booked appointments in its window,
 * arrivals recorded only afterwards, patient messages it held back), stored with the
 * incident, shown as a page and a PDF, and handed to bulk rescheduling in one action.
 */
@NullMarked
package continuum.continuity.impact;

import org.jspecify.annotations.NullMarked;
