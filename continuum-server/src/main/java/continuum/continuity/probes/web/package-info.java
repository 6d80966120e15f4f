/**
 * Downtime nodes register here ({@code POST /api/downtime/nodes}), so that they are
 * probed.
 */
@NullMarked
package continuum.continuity.probes.web;

import org.jspecify.annotations.NullMarked;
