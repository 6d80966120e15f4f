/**
 * The public status page ({@code /status}, {@code /api/status}): each component's state,
 * the incidents going on, and 90 days of outages per component with their durations. No
 * sign-in, no patient data.
 */
@NullMarked
package continuum.continuity.status;

import org.jspecify.annotations.NullMarked;
