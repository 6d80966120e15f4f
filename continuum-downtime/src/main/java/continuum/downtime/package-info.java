/**
 * The downtime node: follows the server's change feed into an encrypted local store and
 * serves a read-only viewer that keeps working when the server is down.
 */
@NullMarked
package continuum.downtime;

import org.jspecify.annotations.NullMarked;
