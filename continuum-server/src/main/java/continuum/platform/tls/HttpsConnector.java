package continuum.platform.tls;

import java.nio.file.Path;
import java.util.Map;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.ProtocolHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * The HTTPS door: a second Tomcat connector beside the main (plain HTTP) one, on
 * {@code continuum.tls.port}, with the {@value ServerBundle#NAME} SSL bundle. It gets the
 * same connector and protocol settings as the main connector (header and form sizes, the
 * characters FHIR queries use) by running the factory's customizers on it once they are
 * all known, when the main connector is customized.
 */
public final class HttpsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final TlsSettings settings;

	private final SslBundles bundles;

	private final ServerBundle serverBundle;

	private @Nullable Connector connector;

	HttpsConnector(TlsSettings settings, SslBundles bundles, ServerBundle serverBundle) {
		this.settings = settings;
		this.bundles = bundles;
		this.serverBundle = serverBundle;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		Connector https = new Connector(factory.getProtocol());
		https.setPort(settings.port());
		if (factory.getAddress() != null) {
			https.setProperty("address", factory.getAddress().getHostAddress());
		}
		new SslConnectorCustomizer(LogFactory.getLog(HttpsConnector.class), https, Ssl.ClientAuth.NONE)
			.customize(bundles.getBundle(ServerBundle.NAME), Map.of());
		TomcatConnectorCustomizer sameSettings = new TomcatConnectorCustomizer() {
			@Override
			public void customize(Connector main) {
				for (TomcatConnectorCustomizer customizer : factory.getConnectorCustomizers()) {
					if (customizer != this) {
						customizer.customize(https);
					}
				}
				for (TomcatProtocolHandlerCustomizer<?> customizer : factory.getProtocolHandlerCustomizers()) {
					applyTo(customizer, https.getProtocolHandler());
				}
			}
		};
		factory.addConnectorCustomizers(sameSettings);
		factory.addAdditionalConnectors(https);
		connector = https;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** The port HTTPS answers on (the configured one until the server has started). */
	public int port() {
		Connector https = connector;
		int local = https == null ? -1 : https.getLocalPort();
		return local > 0 ? local : settings.port();
	}

	/**
	 * Whether the plain HTTP port serves loopback callers instead of redirecting them.
	 */
	public boolean plainHttpForLoopback() {
		return settings.plainHttp() == TlsSettings.PlainHttp.LOOPBACK;
	}

	/**
	 * The local CA's certificate file, when the server's certificate is the local CA's.
	 */
	public @Nullable Path authorityFile() {
		LocalCertificates.Material local = serverBundle.local();
		return local == null ? null : local.authorityFile();
	}

	/** The local CA certificate's SHA-256 fingerprint, when there is one. */
	public @Nullable String authorityFingerprint() {
		LocalCertificates.Material local = serverBundle.local();
		return local == null ? null : LocalCertificates.fingerprint(local.authority());
	}

	@SuppressWarnings("unchecked")
	private static void applyTo(TomcatProtocolHandlerCustomizer<?> customizer, ProtocolHandler handler) {
		try {
			((TomcatProtocolHandlerCustomizer<ProtocolHandler>) customizer).customize(handler);
		}
		catch (ClassCastException ex) {
			// A customizer for another kind of protocol handler (as Spring Boot's own
			// LambdaSafe skips them).
		}
	}

}
