package continuum.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * A connection to a syslog receiver over TLS (RFC 5425): TLS 1.2 or 1.3, the receiver's
 * certificate checked against the configured CA and its name against the host configured,
 * a client certificate presented when configured. The receiver never answers (RFC 5425
 * has no acknowledgement); {@link #stillOpen} reads with a short timeout to see whether
 * it closed the connection, which is the only sign of a receiver gone.
 */
final class SyslogTlsConnection implements AutoCloseable {

	private final SSLSocket socket;

	private final OutputStream out;

	private final InputStream in;

	private SyslogTlsConnection(SSLSocket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.in = socket.getInputStream();
	}

	/** The TLS context of the settings: PEM trust and, when given, PEM client key. */
	static SSLContext context(AuditSettings.Syslog settings) {
		PemSslStoreDetails trust = settings.ca() == null ? null
				: PemSslStoreDetails.forCertificates(location(settings.ca()));
		PemSslStoreDetails key = settings.certificate() == null || settings.key() == null ? null
				: PemSslStoreDetails.forCertificates(location(settings.certificate()))
					.withPrivateKey(location(settings.key()));
		if (trust == null && key == null) {
			return SslBundle.systemDefault().createSslContext();
		}
		return SslBundle.of(new PemSslStoreBundle(key, trust)).createSslContext();
	}

	private static String location(String file) {
		return "file:" + Path.of(file).toAbsolutePath();
	}

	static SyslogTlsConnection open(SSLContext context, String host, int port, Duration timeout) throws IOException {
		Socket plain = new Socket();
		try {
			plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
			plain.setSoTimeout((int) timeout.toMillis());
			SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
			SSLParameters parameters = tls.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			parameters.setProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
			tls.setSSLParameters(parameters);
			tls.startHandshake();
			return new SyslogTlsConnection(tls);
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	void write(byte[] frame) throws IOException {
		out.write(frame);
	}

	void flush() throws IOException {
		out.flush();
	}

	/**
	 * Whether the receiver still holds the connection: a read that times out means it is
	 * there (it never sends anything); the end of the stream or an error means it closed.
	 */
	boolean stillOpen(Duration wait) {
		try {
			socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
			return in.read() != -1;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing a connection that is gone: nothing left to do.
		}
	}

	@Nullable String peer() {
		return socket.getRemoteSocketAddress() == null ? null : socket.getRemoteSocketAddress().toString();
	}

}
