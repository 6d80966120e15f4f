/**
 * The node's own audit log: every read on the node, hash-chained as the protocol defines,
 * shipped to the server's central log when it is reachable.
 */
@NullMarked
package continuum.downtime.audit;

import org.jspecify.annotations.NullMarked;
