package org.continuum.dicom.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import org.continuum.dicom.net.pdu.AAssociateRj;
import org.continuum.dicom.net.pdu.PduWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The association acceptor of a local AE (PS3.8 §7.1, as the "DICOM server" of PS3.7 §A):
 * listens on a port (TCP or TLS per PS3.15 §B.1, optionally requiring a trusted client
 * certificate), runs each association on its own thread from a bounded pool so that a
 * slow peer does not block others, and answers A-ASSOCIATE-RJ "local limit exceeded"
 * (transient) when the pool is full.
 */
public final class DicomServer implements Closeable {

	private static final Logger LOG = LoggerFactory.getLogger(DicomServer.class);

	private static final AtomicInteger SERVER_IDS = new AtomicInteger();

	private final AssociationSettings settings;

	private final List<DimseService> services;

	private final Semaphore slots;

	private final Set<Socket> active = ConcurrentHashMap.newKeySet();

	private final ThreadPoolExecutor workers;

	private final ThreadPoolExecutor rejecter;

	private @Nullable ServerSocket serverSocket;

	private @Nullable Thread acceptor;

	private volatile boolean closed;

	public DicomServer(AssociationSettings settings, List<DimseService> services) {
		this.settings = settings;
		this.services = List.copyOf(services);
		this.slots = new Semaphore(settings.maxAssociations());
		int id = SERVER_IDS.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		// The semaphore bounds concurrent associations; the pool may hold twice as many
		// threads so that a thread
		// which has released its slot but not yet returned to the pool never causes a
		// rejected execution.
		this.workers = new ThreadPoolExecutor(0, 2 * settings.maxAssociations(), 60, TimeUnit.SECONDS,
				new SynchronousQueue<>(),
				r -> daemon(r, "dicom-" + settings.aeTitle() + "-" + id + "-" + threads.incrementAndGet()));
		this.rejecter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32),
				r -> daemon(r, "dicom-" + settings.aeTitle() + "-" + id + "-rejecter"),
				(r, executor) -> ((Rejection) r).closeQuietly());
	}

	private static Thread daemon(Runnable r, String name) {
		Thread t = new Thread(r, name);
		t.setDaemon(true);
		return t;
	}

	/** Binds (port 0 picks a free port) and starts accepting. */
	public DicomServer start(InetAddress bindAddress, int port) throws IOException {
		serverSocket = settings.sslContext() == null ? new ServerSocket()
				: settings.sslContext().getServerSocketFactory().createServerSocket();
		if (serverSocket instanceof SSLServerSocket tls) {
			tls.setNeedClientAuth(settings.needClientAuth());
		}
		serverSocket.setReuseAddress(true);
		serverSocket.bind(new InetSocketAddress(bindAddress, port), 128);
		acceptor = daemon(this::acceptLoop, "dicom-" + settings.aeTitle() + "-acceptor");
		acceptor.start();
		LOG.info("{} accepting associations on {}{}", settings.aeTitle(), serverSocket.getLocalSocketAddress(),
				settings.sslContext() == null ? ""
						: settings.needClientAuth() ? " (TLS, client certificate required)" : " (TLS)");
		return this;
	}

	public int port() {
		return serverSocket.getLocalPort();
	}

	public int activeAssociations() {
		return active.size();
	}

	private void acceptLoop() {
		while (!closed) {
			Socket socket;
			try {
				socket = serverSocket.accept();
				socket.setTcpNoDelay(true);
			}
			catch (IOException e) {
				if (!closed) {
					LOG.warn("{} accept failed: {}", settings.aeTitle(), e.toString());
					pauseAfterAcceptFailure();
				}
				continue;
			}
			if (!slots.tryAcquire()) {
				LOG.warn("{} refusing association from {}: all {} association slots busy", settings.aeTitle(),
						socket.getRemoteSocketAddress(), settings.maxAssociations());
				rejecter.execute(new Rejection(socket));
				continue;
			}
			active.add(socket);
			try {
				workers.execute(() -> {
					try {
						new AssociationAcceptor(settings, services, new Negotiator(settings, services)).serve(socket);
					}
					finally {
						active.remove(socket);
						slots.release();
					}
				});
			}
			catch (RuntimeException e) {
				active.remove(socket);
				slots.release();
				rejecter.execute(new Rejection(socket));
			}
		}
	}

	/**
	 * Out of file descriptors and similar: wait a little instead of spinning on accept.
	 */
	private static void pauseAfterAcceptFailure() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Reads the A-ASSOCIATE-RQ of a refused connection and answers A-ASSOCIATE-RJ (PS3.8
	 * Table 9-21).
	 */
	private final class Rejection implements Runnable {

		private final Socket socket;

		Rejection(Socket socket) {
			this.socket = socket;
		}

		@Override
		public void run() {
			try (socket) {
				socket.setSoTimeout(2000);
				Association.readerFor(socket, settings.maxPduLength()).read();
				PduWriter writer = Association.writerFor(socket);
				writer.write(new AAssociateRj(false, AAssociateRj.Reason.LOCAL_LIMIT_EXCEEDED));
			}
			catch (IOException e) {
				LOG.debug("rejecting {}: {}", socket.getRemoteSocketAddress(), e.toString());
			}
		}

		void closeQuietly() {
			try {
				socket.close();
			}
			catch (IOException e) {
				LOG.debug("closing refused socket: {}", e.toString());
			}
		}

	}

	/** Stops accepting and closes every open association's connection. */
	@Override
	public void close() throws IOException {
		closed = true;
		if (serverSocket != null) {
			serverSocket.close();
		}
		for (Socket s : active) {
			try {
				s.close();
			}
			catch (SocketException e) {
				LOG.debug("closing {}: {}", s.getRemoteSocketAddress(), e.toString());
			}
		}
		workers.shutdown();
		rejecter.shutdown();
	}

}
