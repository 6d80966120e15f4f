/**
 * The read-only downtime viewer: sign-in against the synced password hashes, ward census,
 * patient search and patient summary, each read audited.
 */
@NullMarked
package continuum.downtime.viewer;

import org.jspecify.annotations.NullMarked;
