/**
 * The server side of downtime nodes (docs/downtime-protocol.md): the change feed and the
 * initial load for system clients, and the intake of the nodes' audit entries.
 */
@NullMarked
package continuum.continuity.node;

import org.jspecify.annotations.NullMarked;
