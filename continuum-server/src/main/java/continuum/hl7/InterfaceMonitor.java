package continuum.hl7;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.platform.ConflictException;
import continuum.platform.NotFoundException;
import continuum.security.AccessControl;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The interface monitor: each link's state, the search of inbound messages, a message
 * with its raw content, and the re-processing of a quarantined one. Only the roles that
 * monitor interfaces ({@link Role#monitorsInterfaces()}) may; a refusal is audited. Every
 * view of a raw message is audited as a read of {@code Hl7Message} (with the patient when
 * known), every search as a search, every re-processing as an update.
 */
@Service
public class InterfaceMonitor {

	/** The audit log's resource type of HL7 messages. */
	public static final String RESOURCE = "Hl7Message";

	private final MonitorQueries queries;

	private final InboundStore store;

	private final InboundProcessing processing;

	private final ObjectProvider<MllpListener> listener;

	private final LinkActivity activity;

	private final Hl7Settings settings;

	private final AccessControl access;

	private final AuditService audit;

	private final Clock clock;

	private final TransactionTemplate transaction;

	InterfaceMonitor(MonitorQueries queries, InboundStore store, InboundProcessing processing,
			ObjectProvider<MllpListener> listener, LinkActivity activity, Hl7Settings settings, AccessControl access,
			AuditService audit, Clock clock, PlatformTransactionManager transactions) {
		this.queries = queries;
		this.store = store;
		this.processing = processing;
		this.listener = listener;
		this.activity = activity;
		this.settings = settings;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** Whether the current user watches the interfaces. */
	public boolean allowed() {
		Role role = access.currentRole();
		return role != null && role.monitorsInterfaces();
	}

	/** Every inbound listener and outbound link with its figures. */
	@Transactional(readOnly = true)
	public List<LinkStatus> links() {
		require(AuditAction.SEARCH, null);
		List<LinkStatus> links = new ArrayList<>();
		MllpListener mllp = listener.getIfAvailable();
		List<LinkActivity.Peer> peers = activity.peers();
		for (String link : List.of(MllpListener.LINK, MllpListener.TLS_LINK)) {
			int port = mllp == null ? -1 : link.equals(MllpListener.LINK) ? mllp.port() : mllp.tlsPort();
			if (port < 0 && link.equals(MllpListener.TLS_LINK)) {
				continue;
			}
			MonitorQueries.InboundFigures figures = queries.inbound(link, clock.instant().minus(Duration.ofDays(1)));
			links.add(new LinkStatus(link, LinkStatus.Direction.INBOUND,
					port < 0 ? "not listening" : (mllp.address() + ":" + port), port >= 0,
					peers.stream()
						.filter(p -> p.link().equals(link))
						.map(p -> new LinkStatus.Peer(p.address(), p.since(), p.frames()))
						.toList(),
					figures.lastMessage(), figures.unprocessed(), figures.quarantined(), figures.rejected(), null));
		}
		TreeSet<String> outbound = new TreeSet<>(settings.links().keySet());
		outbound.addAll(queries.outboundLinks());
		for (String link : outbound) {
			Hl7Settings.Link peer = settings.link(link);
			MonitorQueries.OutboundFigures figures = queries.outbound(link);
			links.add(new LinkStatus(link, LinkStatus.Direction.OUTBOUND,
					peer == null ? "not configured" : peer.host() + ":" + peer.port() + (peer.tls() ? " (TLS)" : ""),
					peer != null && figures.failing() == 0, List.of(), figures.lastSent(), figures.pending(), 0,
					figures.failing(), figures.lastError()));
		}
		return links;
	}

	/** Inbound messages matching the search, newest first (no content). */
	@Transactional
	public List<MessageSummary> search(MessageSearch search) {
		require(AuditAction.SEARCH, null);
		List<MessageSummary> found = queries.search(search).stream().map(MessageSummary::of).toList();
		audit.record(new AuditEntry(AuditAction.SEARCH, RESOURCE, null, null, AuditOutcome.SUCCESS,
				found.size() + " messages listed"));
		return found;
	}

	/** The latest messages of an outbound link's queue, newest first. */
	@Transactional(readOnly = true)
	public List<OutboundSummary> outbound(String link, int limit) {
		require(AuditAction.SEARCH, null);
		return queries.outboundMessages(link, Math.max(1, Math.min(limit, 500)));
	}

	/** A message with its raw content; audited as a read. */
	@Transactional
	public MessageView view(long id) {
		require(AuditAction.READ, id);
		StoredMessage message = queries.message(id).orElseThrow(() -> new NotFoundException("No HL7 message " + id));
		audit.record(new AuditEntry(AuditAction.READ, RESOURCE, Long.toString(id), message.patientId(),
				AuditOutcome.SUCCESS, "raw message shown"));
		return new MessageView(MessageSummary.of(message), message.segmentsPerLine(),
				message.response() == null ? null : message.response().replace('\r', '\n'), message.errorLocation(),
				message.processedAt());
	}

	/**
	 * Runs the handler again on a quarantined message (once its cause is fixed), in a new
	 * transaction, as the server itself; audited. Answers the new state.
	 */
	public MessageState reprocess(long id) {
		require(AuditAction.UPDATE, id);
		return transaction.execute(status -> reprocessLocked(id, status));
	}

	private MessageState reprocessLocked(long id, TransactionStatus status) {
		StoredMessage message = store.lock(id, MessageState.QUARANTINED).orElse(null);
		if (message == null) {
			StoredMessage existing = queries.message(id)
				.orElseThrow(() -> new NotFoundException("No HL7 message " + id));
			throw new ConflictException("HL7 message " + id + " is " + existing.state().code()
					+ ", not quarantined (or is being processed now)");
		}
		InboundProcessing.Outcome outcome = processing.process(InboundProcessing.Pending.of(message), status);
		String patient = store.find(id).map(StoredMessage::patientId).orElse(message.patientId());
		audit.record(new AuditEntry(AuditAction.UPDATE, RESOURCE, Long.toString(id), patient, AuditOutcome.SUCCESS,
				"re-processed: " + outcome.state().code() + " " + outcome.ackCode()));
		return outcome.state();
	}

	private void require(AuditAction action, @Nullable Long id) {
		if (!allowed()) {
			audit.recordDenial(AuditEntry.denied(action, RESOURCE, id == null ? null : id.toString(), null,
					"only the roles that monitor interfaces"));
			throw new AccessDeniedException("Only the laboratory and IT roles monitor the HL7 interfaces");
		}
	}

}
