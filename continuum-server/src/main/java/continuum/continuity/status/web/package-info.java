/** The status page's HTML and JSON doors. */
@NullMarked
package continuum.continuity.status.web;

import org.jspecify.annotations.NullMarked;
