package continuum.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.DicomServer;
import org.continuum.dicom.net.DimseService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The server's DICOM application entity (PS3.7 §A, PS3.8 §7.1): one acceptor that offers
 * every {@link DimseService} bean of the application (verification, storage,
 * query/retrieve, worklist, MPPS, storage commitment). Starts with the application and
 * stops before the database; not started by operator commands
 * ({@code continuum.command}), which must not take the server's port.
 */
@Component
@ConditionalOnExpression("'${continuum.command:}'.isEmpty() and ${continuum.dicom.enabled:true}")
public class DicomAe implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DicomAe.class);

	private final DicomSettings settings;

	private final List<DimseService> services;

	private @Nullable DicomServer server;

	DicomAe(DicomSettings settings, List<DimseService> services) {
		this.settings = settings;
		this.services = List.copyOf(services);
	}

	/** The AE title peers call. */
	public String aeTitle() {
		return settings.aeTitle();
	}

	/** The port the AE accepts associations on; -1 when it is not running. */
	public synchronized int port() {
		return server == null ? -1 : server.port();
	}

	/** Associations open now. */
	public synchronized int activeAssociations() {
		return server == null ? 0 : server.activeAssociations();
	}

	/**
	 * The settings of the local AE, for SCU roles (C-MOVE sub-operations,
	 * N-EVENT-REPORT).
	 */
	public AssociationSettings associationSettings() {
		return AssociationSettings.defaults(settings.aeTitle())
			.withTimeouts(settings.artimTimeout(), settings.idleTimeout())
			.withMaxAssociations(settings.maxAssociations());
	}

	@Override
	public synchronized void start() {
		if (server != null) {
			return;
		}
		InetAddress address;
		try {
			address = InetAddress.getByName(settings.address());
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("continuum.dicom.address is not an address: " + settings.address(), ex);
		}
		try {
			server = new DicomServer(associationSettings(), services).start(address, settings.port());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The DICOM AE " + settings.aeTitle() + " could not listen on "
					+ settings.address() + ":" + settings.port(), ex);
		}
		log.info("DICOM AE {} listening on {}:{} with {} services", settings.aeTitle(), settings.address(),
				server.port(), services.size());
	}

	@Override
	public synchronized void stop() {
		if (server == null) {
			return;
		}
		try {
			server.close();
		}
		catch (IOException ex) {
			log.warn("Closing the DICOM AE {} failed: {}", settings.aeTitle(), ex.toString());
		}
		server = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return server != null;
	}

}
