package continuum.platform.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import continuum.platform.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server as {@code ./continuum start} runs it, with no certificate configured: HTTPS
 * with a certificate of the local CA made in the data directory (whose fingerprint the
 * banner prints), the HTTP port redirecting, HSTS and Secure cookies on HTTPS, and the
 * audited address taken from {@code X-Forwarded-For} only when a trusted proxy sends it.
 * One server start for all of it: each costs half a minute of the suite.
 */
class HttpsDefaultTests {

	@TempDir
	Path temp;

	@Test
	void servesHttpsWithTheLocalCaRedirectsHttpAndTrustsForwardedHeadersFromTrustedProxiesOnly() throws Exception {
		Path data = temp.resolve("data");
		int httpPort = freePort();
		int httpsPort = freePort();
		int mllpTlsPort = freePort();
		int dicomTlsPort = freePort();
		Map<String, String> environment = new java.util.HashMap<>(Map.of("CONTINUUM_HTTP_PORT",
				Integer.toString(httpPort), "CONTINUUM_HTTPS_PORT", Integer.toString(httpsPort), "CONTINUUM_HTTP_PLAIN",
				"none", "CONTINUUM_TRUSTED_PROXIES", "127.0.0.1/32", "CONTINUUM_TLS_NAMES", "continuum.hospital.test"));
		// MLLP and DICOM over TLS with the server's own bundle.
		environment.putAll(Map.of("CONTINUUM_MLLP_TLS_BUNDLE", "server", "CONTINUUM_MLLP_TLS_PORT",
				Integer.toString(mllpTlsPort), "CONTINUUM_DICOM_TLS_BUNDLE", "server", "CONTINUUM_DICOM_TLS_PORT",
				Integer.toString(dicomTlsPort)));
		try (ServerProcess server = ServerProcess.start(data, environment)) {
			assertThat(server.port()).isEqualTo(httpPort);
			assertThat(server.httpsPort()).isEqualTo(httpsPort);

			// The banner names the CA's file and its SHA-256, and the files are the
			// owner's.
			Path caFile = data.toAbsolutePath().normalize().resolve("tls/ca.crt");
			X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caFile)));
			String fingerprint = HexFormat.ofDelimiter(":")
				.withUpperCase()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getEncoded()));
			assertThat(server.log()).contains("Web UI   https://localhost:" + httpsPort + "/")
				.contains("TLS CA   " + caFile)
				.contains("SHA-256 " + fingerprint)
				.contains("HTTP     http://localhost:" + httpPort + "/  (redirects to HTTPS)");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caFile.resolveSibling("ca.key"))))
				.isEqualTo("rw-------");
			assertThat(
					PosixFilePermissions.toString(Files.getPosixFilePermissions(caFile.resolveSibling("server.key"))))
				.isEqualTo("rw-------");

			// HTTPS, host name checked against the certificate, trusting the local CA
			// alone.
			HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(ca)).build();
			HttpResponse<String> login = trusting.send(
					HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/login")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(login.statusCode()).isEqualTo(200);
			assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
					hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
			assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(
					cookie -> assertThat(cookie).startsWith("SESSION=").contains("; Secure").contains("HttpOnly"));
			assertThat(trusting
				.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);
			assertThatThrownBy(() -> HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/login")).build(),
						HttpResponse.BodyHandlers.ofString()))
				.isInstanceOf(SSLHandshakeException.class);

			// MLLP and DICOM TLS listeners present the server's certificate.
			X509Certificate serverCertificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificates(Files.newInputStream(caFile.resolveSibling("server.crt")))
				.iterator()
				.next();
			for (int tlsPort : new int[] { mllpTlsPort, dicomTlsPort }) {
				try (SSLSocket socket = (SSLSocket) trusting(ca).getSocketFactory()
					.createSocket("127.0.0.1", tlsPort)) {
					socket.startHandshake();
					assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(serverCertificate);
				}
			}

			// Plain HTTP: 308 to the same path and query on HTTPS, for every method, with
			// nothing of the request served.
			HttpClient plain = HttpClient.newHttpClient();
			HttpResponse<String> metadata = plain
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/fhir/metadata?_format=json"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(metadata.statusCode()).isEqualTo(308);
			assertThat(metadata.headers().firstValue("Location"))
				.hasValue("https://127.0.0.1:" + httpsPort + "/fhir/metadata?_format=json");
			assertThat(metadata.body()).isEmpty();
			HttpResponse<String> token = plain
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/api/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("username=physician&password=test-password-1"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(token.statusCode()).isEqualTo(308);
			assertThat(token.headers().firstValue("Location"))
				.hasValue("https://localhost:" + httpsPort + "/api/token");
			assertThat(token.body()).doesNotContain("access_token");

			// Through the trusted proxy (127.0.0.1), which ended TLS: served, secure, and
			// audited under the client's address (the right-most one the proxy did not
			// add; the client's own claims to its left are not believed).
			String viaProxy = exchange(InetAddress.getByName("127.0.0.1"), httpPort, null,
					"X-Forwarded-For: 198.51.100.9, 203.0.113.7\r\nX-Forwarded-Proto: https\r\n");
			assertThat(viaProxy).startsWith("HTTP/1.1 401").containsIgnoringCase("Strict-Transport-Security:");
			assertThat(lastAnonymousAddress(data)).isEqualTo("203.0.113.7");

			// From any other peer the forwarded headers count for nothing: over plain
			// HTTP
			// it is redirected, over HTTPS audited under its own address.
			String spoofedPlain = exchange(InetAddress.getByName("127.0.0.2"), httpPort, null,
					"X-Forwarded-For: 203.0.113.8\r\nX-Forwarded-Proto: https\r\n");
			assertThat(spoofedPlain).startsWith("HTTP/1.1 308");
			String spoofedTls = exchange(InetAddress.getByName("127.0.0.2"), httpsPort, trusting(ca),
					"X-Forwarded-For: 203.0.113.9\r\n");
			assertThat(spoofedTls).startsWith("HTTP/1.1 401");
			assertThat(lastAnonymousAddress(data)).isEqualTo("127.0.0.2");
		}
	}

	/**
	 * One request with a forged bearer token (refused and audited as anonymous) from this
	 * local address, over TLS when a context is given; answers the response head.
	 */
	private static String exchange(InetAddress from, int port, SSLContext tls, String headers) throws IOException {
		InetAddress server = InetAddress.getByName("127.0.0.1");
		try (Socket socket = tls == null ? new Socket(server, port, from, 0)
				: tls.getSocketFactory().createSocket(server, port, from, 0)) {
			if (socket instanceof SSLSocket secure) {
				secure.startHandshake();
			}
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /fhir/Patient HTTP/1.1\r\nHost: localhost:" + port
					+ "\r\nAuthorization: Bearer forged.token.value\r\nConnection: close\r\n" + headers + "\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			int end = response.indexOf("\r\n\r\n");
			return end < 0 ? response : response.substring(0, end);
		}
	}

	private static String lastAnonymousAddress(Path data) throws Exception {
		try (Connection db = ServerProcess.connect(data);
				ResultSet row = db.createStatement()
					.executeQuery(
							"select address from audit_log where username = 'anonymous' order by id desc limit 1")) {
			assertThat(row.next()).isTrue();
			return row.getString(1);
		}
	}

	private static SSLContext trusting(X509Certificate ca) throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", ca);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
