/**
 * The small shared kernel: settings, the database (embedded or external), the clock and
 * the domain error types that every edge translates exactly once.
 */
@NullMarked
package continuum.platform;

import org.jspecify.annotations.NullMarked;
