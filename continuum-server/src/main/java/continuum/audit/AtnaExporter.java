package continuum.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import continuum.platform.JobLeases;
import continuum.platform.LeasedJobThread;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the audit log to the IHE ATNA audit repository ({@code continuum.audit.syslog.*})
 * on one node at a time (job lease {@value #JOB}): every linked row, in chain order, as a
 * DICOM audit message ({@link AtnaMessage}) in an RFC 5424 syslog message over TLS
 * ({@link SyslogFrame}, {@link SyslogTlsConnection}). The chain is the outbox: the
 * destination's position ({@code audit_export}) moves only after a batch was written and
 * the receiver still held the connection, so a repository that is down loses nothing and
 * gets everything, in order, when it is back. A batch whose connection broke is sent
 * again whole (RFC 5425 has no acknowledgement: a message the receiver took just before
 * it went away comes twice, with the same chain position in its structured data). At most
 * every {@code checkpoint-interval} a round ends with a signed checkpoint of the last
 * position sent (MSGID {@code CHECKPOINT}, the checkpoint's JSON as the message).
 */
@Component
class AtnaExporter implements SmartLifecycle {

	static final String JOB = "audit-atna-export";

	static final String MSGID = "IHE+RFC-3881";

	static final String CHECKPOINT_MSGID = "CHECKPOINT";

	private static final Logger log = LoggerFactory.getLogger(AtnaExporter.class);

	private static final int BATCH = 200;

	/** How long the receiver gets to close a connection it did not want. */
	private static final Duration CLOSE_WAIT = Duration.ofMillis(50);

	private final AuditSettings.Syslog settings;

	private final Duration checkpointInterval;

	private final AuditChainRepository chain;

	private final AuditExportRepository exports;

	private final AuditCheckpoints checkpoints;

	private final ObjectProvider<AuditPatientIdentifiers> identifiers;

	private final Clock clock;

	private final boolean enabled;

	private final LeasedJobThread thread;

	private final String destination;

	private final AtnaMessage.Source source;

	private @Nullable SSLContext context;

	private @Nullable SyslogTlsConnection connection;

	private @Nullable Instant lastCheckpoint;

	private boolean failing;

	AtnaExporter(AuditSettings settings, AuditChainRepository chain, AuditExportRepository exports,
			AuditCheckpoints checkpoints, ObjectProvider<AuditPatientIdentifiers> identifiers, JobLeases leases,
			Clock clock, @Value("${continuum.command:}") String command) {
		this.settings = settings.syslog();
		this.checkpointInterval = settings.checkpointInterval();
		this.chain = chain;
		this.exports = exports;
		this.checkpoints = checkpoints;
		this.identifiers = identifiers;
		this.clock = clock;
		this.enabled = command.isEmpty() && this.settings.enabled();
		this.thread = new LeasedJobThread(JOB, leases, this.settings.sweepInterval(), this::sendDue);
		this.destination = this.settings.host() + ":" + this.settings.port();
		String host = hostName();
		this.source = new AtnaMessage.Source(
				this.settings.sourceId() != null ? this.settings.sourceId() : SyslogFrame.APP_NAME + "@" + host,
				this.settings.site(), host);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getCanonicalHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	/** Asks for a round now. */
	void wake() {
		thread.wake();
	}

	@Override
	public void start() {
		if (enabled) {
			thread.start();
		}
	}

	@Override
	public void stop() {
		thread.stop();
		closeConnection();
	}

	@Override
	public boolean isRunning() {
		return thread.isRunning();
	}

	/** The destination's name in {@code audit_export}: host and port. */
	String destination() {
		return destination;
	}

	/**
	 * Sends every linked row not sent yet, batch by batch, until the chain's end or the
	 * receiver's; answers how many rows were sent. Runs on the lease holder's thread (or
	 * a test's), never on two threads at once.
	 */
	synchronized int sendDue() {
		int sent = 0;
		long position = exports.sentUpTo(destination);
		while (!Thread.currentThread().isInterrupted()) {
			List<AuditChainRepository.StoredLink> batch = chain.after(position, BATCH);
			if (batch.isEmpty()) {
				break;
			}
			try {
				SyslogTlsConnection open = connected();
				Map<String, String> mrns = mrns(batch);
				for (AuditChainRepository.StoredLink link : batch) {
					AuditRecord row = link.row();
					if (row == null) {
						// Removed behind the chain's back: verification names it; there
						// is
						// nothing left to send.
						continue;
					}
					open.write(SyslogFrame.of(row.recordedAt(), source.host(), MSGID, link.position(),
							AtnaMessage.of(row, row.patientId() == null ? null : mrns.get(row.patientId()), source)));
				}
				AuditChainRepository.StoredLink last = batch.get(batch.size() - 1);
				if (checkpointDue()) {
					Optional<AuditCheckpoint> checkpoint = checkpoint(last);
					if (checkpoint.isPresent()) {
						open.write(SyslogFrame.of(clock.instant(), source.host(), CHECKPOINT_MSGID, last.position(),
								JsonMapper.shared().writeValueAsString(checkpoint.get())));
						lastCheckpoint = clock.instant();
					}
				}
				open.flush();
				if (!open.stillOpen(CLOSE_WAIT)) {
					throw new IOException("the receiver closed the connection");
				}
				exports.sent(destination, last.position(), clock.instant());
				position = last.position();
				sent += batch.size();
				if (failing) {
					log.info("Audit export to {}: sending again, up to chain position {}", destination, position);
					failing = false;
				}
			}
			catch (IOException | RuntimeException ex) {
				closeConnection();
				if (!failing) {
					log.warn(
							"Audit export to {}: not sent from chain position {} on ({}: {}); the rows wait and are"
									+ " sent in order once the audit repository takes them",
							destination, position + 1, ex.getClass().getSimpleName(), ex.getMessage());
					failing = true;
				}
				break;
			}
		}
		return sent;
	}

	private boolean checkpointDue() {
		return lastCheckpoint == null || !lastCheckpoint.plus(checkpointInterval).isAfter(clock.instant());
	}

	private Optional<AuditCheckpoint> checkpoint(AuditChainRepository.StoredLink last) {
		return chain.keying()
			.filter(keying -> last.position() >= keying.keyedFrom())
			.map(keying -> checkpoints.of(new AuditAnchor.Link(last.position(), last.hash()), keying.keyedFrom()));
	}

	private Map<String, String> mrns(List<AuditChainRepository.StoredLink> batch) {
		AuditPatientIdentifiers directory = identifiers.getIfAvailable();
		if (directory == null) {
			return Map.of();
		}
		List<String> patients = batch.stream()
			.map(AuditChainRepository.StoredLink::row)
			.filter(Objects::nonNull)
			.map(AuditRecord::patientId)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		return patients.isEmpty() ? Map.of() : directory.mrns(patients);
	}

	private SyslogTlsConnection connected() throws IOException {
		SyslogTlsConnection open = connection;
		if (open != null && !open.stillOpen(Duration.ofMillis(1))) {
			closeConnection();
			open = null;
		}
		if (open == null) {
			if (context == null) {
				context = SyslogTlsConnection.context(settings);
			}
			open = SyslogTlsConnection.open(context, Objects.requireNonNull(settings.host()), settings.port(),
					settings.connectTimeout());
			connection = open;
		}
		return open;
	}

	private void closeConnection() {
		SyslogTlsConnection open = connection;
		connection = null;
		if (open != null) {
			open.close();
		}
	}

}
