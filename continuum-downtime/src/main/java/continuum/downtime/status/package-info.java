/**
 * The node's health for monitoring and the server's probe ({@code GET /status}, no
 * patient data), and its registration with the server.
 */
@NullMarked
package continuum.downtime.status;

import org.jspecify.annotations.NullMarked;
