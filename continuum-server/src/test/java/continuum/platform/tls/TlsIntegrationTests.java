package continuum.platform.tls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import continuum.ContinuumIntegrationTest;
import continuum.fhir.FhirTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTPS door of the shared test context (the local CA of its data directory): it has
 * the main door's connector settings (a FHIR token search with its bar), HSTS, TLS 1.2
 * and 1.3 only with AEAD suites; the plain port serves the tests on loopback
 * ({@code continuum.tls.plain-http=loopback}) without HSTS.
 */
@ContinuumIntegrationTest
class TlsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	HttpsConnector https;

	@Test
	void httpsHasTheMainConnectorsSettingsAndHstsWhilePlainLoopbackHasNoHsts() throws Exception {
		String token = FhirTestSupport.token(port, "physician");
		// The bar of a token search as clients send it, unescaped (java.net.URI would
		// refuse it, so the request is written by hand).
		try (SSLSocket socket = (SSLSocket) trustingLocalCa().getSocketFactory()
			.createSocket("127.0.0.1", https.port())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write(("GET /fhir/Patient?identifier=urn:test:none|nothing&_count=1 HTTP/1.1\r\nHost: localhost\r\n"
						+ "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 200")
				.containsIgnoringCase("Strict-Transport-Security: max-age=")
				.contains("\"resourceType\":\"Bundle\"");
		}

		HttpResponse<String> plain = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void refusesOldProtocolsAndCipherSuitesWithoutForwardSecrecyOrAead() throws Exception {
		SSLContext context = trustingLocalCa();
		assertThat(handshake(context, new String[] { "TLSv1.3" }, null)).isEqualTo("TLSv1.3");
		assertThat(handshake(context, new String[] { "TLSv1.2" }, null)).isEqualTo("TLSv1.2");
		assertThatThrownBy(() -> handshake(context, new String[] { "TLSv1.1" }, null))
			.isInstanceOf(javax.net.ssl.SSLException.class);
		assertThatThrownBy(() -> handshake(context, new String[] { "TLSv1.2" },
				new String[] { "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" }))
			.isInstanceOf(SSLHandshakeException.class);
	}

	private String handshake(SSLContext context, String[] protocols, String[] ciphers) throws Exception {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", https.port())) {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setProtocols(protocols);
			if (ciphers != null) {
				parameters.setCipherSuites(ciphers);
			}
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			return socket.getSession().getProtocol();
		}
	}

	private SSLContext trustingLocalCa() throws Exception {
		Path caFile = https.authorityFile();
		assertThat(caFile).isNotNull();
		X509Certificate ca = Pem.readCertificates(caFile).get(0);
		assertThat(https.authorityFingerprint()).isEqualTo(LocalCertificates.fingerprint(ca));
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", ca);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

}
