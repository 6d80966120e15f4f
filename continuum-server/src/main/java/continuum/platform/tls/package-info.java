/**
 * Transport security of the server's doors: the server's TLS key material as the Spring
 * Boot SSL bundle {@value ServerBundle#NAME} (configured, or a local CA and server
 * certificate generated in the data directory), the HTTPS connector, the HTTP port's
 * redirect to it, and forwarded headers honoured from trusted proxies only. Published as
 * the {@code tls} named interface so that the start-up banner can say where HTTPS
 * answers.
 */
@NullMarked
@NamedInterface("tls")
package continuum.platform.tls;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
