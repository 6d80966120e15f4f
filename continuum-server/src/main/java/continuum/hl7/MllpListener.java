package continuum.hl7;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLServerSocket;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The MLLP listener (HL7 v2.5.1 Appendix C): link {@value #LINK} on the plain port and
 * {@value #TLS_LINK} on the TLS port when a key store is configured. Each connection gets
 * a thread of a bounded pool ({@code max-connections}; a connection beyond it is closed
 * at once, and the peer connects again), {@code TCP_NODELAY} and the idle timeout. Starts
 * with the application and stops before the database: it stops accepting, lets each
 * connection finish the message it is on, then closes them. Not started by operator
 * commands ({@code continuum.command}), which must not take the server's port.
 */
@Component
@ConditionalOnExpression("'${continuum.command:}'.isEmpty() and ${continuum.mllp.enabled:true}")
public class MllpListener implements SmartLifecycle {

	/** The link name of messages received on the plain port. */
	public static final String LINK = "mllp";

	/** The link name of messages received on the TLS port. */
	public static final String TLS_LINK = "mllp-tls";

	private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

	private final MllpSettings settings;

	private final InboundReceiver receiver;

	private final LinkActivity activity;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final List<ServerSocket> servers = new ArrayList<>();

	private @Nullable ThreadPoolExecutor pool;

	private @Nullable Semaphore slots;

	private volatile boolean running;

	private volatile int port = -1;

	private volatile int tlsPort = -1;

	private final SslBundles bundles;

	MllpListener(MllpSettings settings, InboundReceiver receiver, LinkActivity activity, SslBundles bundles) {
		this.bundles = bundles;
		this.settings = settings;
		this.receiver = receiver;
		this.activity = activity;
	}

	/** The plain port this listener accepts on; -1 when it does not listen. */
	public int port() {
		return port;
	}

	/** The TLS port this listener accepts on; -1 when it does not listen on TLS. */
	public int tlsPort() {
		return tlsPort;
	}

	/** The address it binds to. */
	String address() {
		return settings.address();
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		AtomicInteger threads = new AtomicInteger();
		pool = new ThreadPoolExecutor(settings.maxConnections(), settings.maxConnections(), 60, TimeUnit.SECONDS,
				new SynchronousQueue<>(), work -> {
					Thread thread = new Thread(work, "mllp-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		slots = new Semaphore(settings.maxConnections());
		try {
			InetAddress address = InetAddress.getByName(settings.address());
			ServerSocket plain = new ServerSocket();
			plain.bind(new InetSocketAddress(address, settings.port()), 100);
			servers.add(plain);
			port = plain.getLocalPort();
			accept(plain, LINK);
			MllpSettings.Tls tls = settings.tls();
			if (tls.configured()) {
				SSLServerSocket secure = (SSLServerSocket) tls.context(bundles)
					.getServerSocketFactory()
					.createServerSocket();
				secure.setNeedClientAuth(tls.needClientAuth());
				secure.bind(new InetSocketAddress(address, tls.port()), 100);
				servers.add(secure);
				tlsPort = secure.getLocalPort();
				accept(secure, TLS_LINK);
			}
		}
		catch (IOException ex) {
			stopNow();
			throw new IllegalStateException("The MLLP listener could not bind " + settings.address() + " port "
					+ settings.port() + (settings.tls().configured() ? " or TLS port " + settings.tls().port() : "")
					+ ": " + ex.getClass().getSimpleName(), ex);
		}
		running = true;
		log.info("MLLP listener on {} port {}{}", settings.address(), port, tlsPort < 0 ? "" : ", TLS port " + tlsPort);
	}

	@Override
	public synchronized void stop() {
		if (!running) {
			return;
		}
		running = false;
		for (ServerSocket server : servers) {
			closeQuietly(server);
		}
		for (Socket socket : open) {
			try {
				// Lets the message under way be stored and answered; the next read ends.
				socket.shutdownInput();
			}
			catch (IOException ex) {
				closeQuietly(socket);
			}
		}
		ThreadPoolExecutor threads = pool;
		if (threads != null) {
			threads.shutdown();
			try {
				if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
					open.forEach(MllpListener::closeQuietly);
					threads.awaitTermination(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		stopNow();
		log.info("MLLP listener stopped");
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void accept(ServerSocket server, String link) {
		Thread acceptor = new Thread(() -> acceptLoop(server, link), "mllp-accept-" + link);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void acceptLoop(ServerSocket server, String link) {
		while (!server.isClosed()) {
			Socket socket;
			try {
				socket = server.accept();
			}
			catch (IOException ex) {
				if (!server.isClosed()) {
					log.warn("MLLP listener {} could not accept a connection: {}", link, ex.getClass().getSimpleName());
				}
				continue;
			}
			if (!slots.tryAcquire()) {
				log.warn("MLLP connection from {} on {} refused: {} connections are open (max-connections)",
						socket.getInetAddress().getHostAddress(), link, settings.maxConnections());
				closeQuietly(socket);
				continue;
			}
			try {
				socket.setTcpNoDelay(true);
				socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
				open.add(socket);
				pool.execute(() -> {
					try {
						new MllpConnection(socket, link, receiver, activity, (int) settings.maxMessageSize().toBytes())
							.run();
					}
					finally {
						open.remove(socket);
						slots.release();
					}
				});
			}
			catch (SocketException | RuntimeException ex) {
				open.remove(socket);
				slots.release();
				closeQuietly(socket);
				log.warn("MLLP connection on {} could not be served: {}", link, ex.getClass().getSimpleName());
			}
		}
	}

	private void stopNow() {
		servers.forEach(MllpListener::closeQuietly);
		servers.clear();
		open.forEach(MllpListener::closeQuietly);
		port = -1;
		tlsPort = -1;
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
