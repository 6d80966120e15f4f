package continuum.hl7;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import continuum.platform.TlsContexts;
import org.jspecify.annotations.Nullable;

/**
 * An MLLP client (HL7 v2.5.1 Appendix C): one connection, messages sent one at a time,
 * each answered by a frame read back within the response timeout. Messages are encoded in
 * the character set their MSH-18 names (UTF-8 when none). Used by the outbound sender,
 * the analyzer simulator and tests; {@link #write} and {@link #writeRaw} let a test or
 * the simulator misbehave on purpose. Not thread-safe: one connection, one user.
 */
public final class MllpClient implements Closeable {

	private final Socket socket;

	private final OutputStream out;

	private final MllpReader reader;

	private MllpClient(Socket socket, int maxResponseSize) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.reader = new MllpReader(socket.getInputStream(), maxResponseSize);
	}

	/** A plain TCP connection. */
	public static MllpClient connect(String host, int port, Duration connectTimeout, Duration responseTimeout)
			throws IOException {
		return connect(host, port, connectTimeout, responseTimeout, null);
	}

	/** A connection over TLS when {@code tls} is set, plain TCP otherwise. */
	public static MllpClient connect(String host, int port, Duration connectTimeout, Duration responseTimeout,
			@Nullable SSLContext tls) throws IOException {
		Socket socket = tls == null ? new Socket() : tls.getSocketFactory().createSocket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
			socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, responseTimeout.toMillis()));
			if (socket instanceof SSLSocket secure) {
				secure.startHandshake();
			}
			return new MllpClient(socket, 16 * 1024 * 1024);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * A TLS context trusting {@code trustStore}'s certificates (null: the JDK's) and,
	 * when {@code keyStore} is set, presenting its key to a peer that asks for a client
	 * certificate. Both stores of {@code type} (e.g. PKCS12).
	 */
	public static SSLContext tls(@Nullable Path trustStore, String trustPassword, @Nullable Path keyStore,
			String keyPassword, String type) {
		return TlsContexts.of(keyStore, keyPassword.toCharArray(), type, trustStore, trustPassword.toCharArray());
	}

	/** Sends a message and answers the response (the ACK, or a query's response). */
	public String send(String er7) throws IOException {
		write(er7);
		return receive();
	}

	/** Sends a message without waiting for its response. */
	public void write(String er7) throws IOException {
		MllpWriter.write(out, er7.getBytes(charsetOf(er7)));
	}

	/** Writes bytes as they are, without framing (for misbehaving on purpose). */
	public void writeRaw(byte[] bytes) throws IOException {
		out.write(bytes);
		out.flush();
	}

	/**
	 * The next frame from the peer, as text in its MSH-18 character set. Throws
	 * {@link java.net.SocketTimeoutException} after the response timeout,
	 * {@link EOFException} when the peer closed the connection.
	 */
	public String receive() throws IOException {
		Frame frame = reader.next();
		if (frame == null || frame.kind() != Frame.Kind.COMPLETE) {
			throw new EOFException("The MLLP peer closed the connection without a complete response");
		}
		return StoredMessage.decode(frame.bytes(),
				charsetOf(new String(frame.bytes(), StandardCharsets.ISO_8859_1)).name());
	}

	/** Whether the peer has closed the connection (a read would end now). */
	public boolean isClosed() {
		return socket.isClosed();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	private static Charset charsetOf(String er7) {
		return MshHeader.read(er7).map(msh -> MshHeader.charsetOf(msh.charset())).orElse(StandardCharsets.UTF_8);
	}

}
