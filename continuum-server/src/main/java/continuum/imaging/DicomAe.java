package continuum.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.DicomServer;
import org.continuum.dicom.net.DimseService;
import org.continuum.dicom.net.RemoteAe;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The server's DICOM application entity (PS3.7 §A, PS3.8 §7.1): one acceptor that offers
 * every {@link DimseService} bean of the application (verification, storage,
 * query/retrieve, worklist, MPPS, storage commitment), and a second one over TLS (PS3.15
 * §B.1) when a key store is configured. Callers must be known peers ({@link DicomPeers})
 * unless {@code continuum.dicom.accept-unknown-callers}: the acceptors ask the peers'
 * snapshot at each association request, so a peer added or removed counts from its next
 * association, with no restart and no open association dropped. Starts with the
 * application and stops before the database; not started by operator commands
 * ({@code continuum.command}), which must not take the server's port.
 */
@Component
@ConditionalOnExpression("'${continuum.command:}'.isEmpty() and ${continuum.dicom.enabled:true}")
public class DicomAe implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DicomAe.class);

	private final DicomSettings settings;

	private final List<DimseService> services;

	private final DicomPeers peers;

	private @Nullable DicomServer server;

	private @Nullable DicomServer tlsServer;

	private final SslBundles bundles;

	DicomAe(DicomSettings settings, List<DimseService> services, DicomPeers peers, SslBundles bundles) {
		this.bundles = bundles;
		this.settings = settings;
		this.services = List.copyOf(services);
		this.peers = peers;
	}

	/** The AE title peers call. */
	public String aeTitle() {
		return settings.aeTitle();
	}

	/** The port the AE accepts associations on; -1 when it is not running. */
	public synchronized int port() {
		return server == null ? -1 : server.port();
	}

	/**
	 * The port of the DICOM TLS acceptor; -1 when TLS is not configured or not running.
	 */
	public synchronized int tlsPort() {
		return tlsServer == null ? -1 : tlsServer.port();
	}

	/** Associations open now. */
	public synchronized int activeAssociations() {
		return (server == null ? 0 : server.activeAssociations())
				+ (tlsServer == null ? 0 : tlsServer.activeAssociations());
	}

	/**
	 * The settings of the local AE, for SCU roles (C-MOVE sub-operations, N-EVENT-REPORT)
	 * and the acceptors: the known peers as they are now.
	 */
	public AssociationSettings associationSettings() {
		Map<String, RemoteAe> known = peers.all()
			.values()
			.stream()
			.collect(Collectors.toMap(DicomPeer::aeTitle, p -> new RemoteAe(p.aeTitle(), p.host(), p.port())));
		return AssociationSettings.defaults(settings.aeTitle())
			.withTimeouts(settings.artimTimeout(), settings.idleTimeout())
			.withMaxAssociations(settings.maxAssociations())
			.withKnownPeers(known, settings.acceptUnknownCallers())
			.withCallingAeCheck(title -> settings.acceptUnknownCallers() || peers.peer(title).isPresent());
	}

	/**
	 * The settings to call a peer with: over TLS when the peer is marked so, always —
	 * presenting this AE's key when a key store is configured, trusting the configured
	 * trust store (or the key store, or else the JDK's trusted certificates).
	 */
	public AssociationSettings settingsToward(String aeTitle) {
		AssociationSettings base = associationSettings();
		boolean tls = peers.peer(aeTitle).map(DicomPeer::tls).orElse(false);
		return tls ? base.withTls(settings.tls().clientContext(bundles)) : base;
	}

	/** The peers C-MOVE may send to, as they are now. */
	public Map<String, RemoteAe> moveDestinations() {
		return peers.all()
			.values()
			.stream()
			.filter(DicomPeer::moveDestination)
			.collect(Collectors.toMap(DicomPeer::aeTitle, p -> new RemoteAe(p.aeTitle(), p.host(), p.port())));
	}

	@Override
	public synchronized void start() {
		if (server != null) {
			return;
		}
		peers.reload();
		server = listen(associationSettings(), settings.port(), "");
		if (settings.tls().configured()) {
			tlsServer = listen(
					associationSettings().withTls(settings.tls().context(bundles))
						.withNeedClientAuth(settings.tls().needClientAuth()),
					settings.tls().port(),
					settings.tls().needClientAuth() ? " (TLS, client certificate required)" : " (TLS)");
		}
	}

	private DicomServer listen(AssociationSettings association, int port, String kind) {
		InetAddress address;
		try {
			address = InetAddress.getByName(settings.address());
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("continuum.dicom.address is not an address: " + settings.address(), ex);
		}
		try {
			DicomServer started = new DicomServer(association, services).start(address, port);
			log.info("DICOM AE {} listening on {}:{}{} with {} services, {} known peers{}", settings.aeTitle(),
					settings.address(), started.port(), kind, services.size(), association.knownPeers().size(),
					settings.acceptUnknownCallers() ? ", unknown callers accepted" : "");
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The DICOM AE " + settings.aeTitle() + " could not listen on "
					+ settings.address() + ":" + port + kind, ex);
		}
	}

	@Override
	public synchronized void stop() {
		close();
	}

	private void close() {
		for (DicomServer running : new DicomServer[] { server, tlsServer }) {
			if (running == null) {
				continue;
			}
			try {
				running.close();
			}
			catch (IOException ex) {
				log.warn("Closing the DICOM AE {} failed: {}", settings.aeTitle(), ex.toString());
			}
		}
		server = null;
		tlsServer = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return server != null;
	}

}
