/** The IT role's incident pages: list, declare, correct, update, resolve, maintenance. */
@NullMarked
package continuum.continuity.incidents.web;

import org.jspecify.annotations.NullMarked;
