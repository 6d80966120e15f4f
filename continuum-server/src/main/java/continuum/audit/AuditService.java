package continuum.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records accesses to patient data. Called explicitly by each module's service, inside
 * the transaction of the access itself, so that the data change and its audit row commit
 * together or not at all.
 */
@Service
public class AuditService {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditChainer chainer;

	private final AuditAnchor anchor;

	private final TransactionTemplate separateTransaction;

	private final AuditGroupCommit groupCommit;

	AuditService(JdbcClient jdbc, Clock clock, AuditChainer chainer, AuditAnchor anchor,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.chainer = chainer;
		this.anchor = anchor;
		this.separateTransaction = new TransactionTemplate(transactions);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.groupCommit = new AuditGroupCommit(jdbc, separateTransaction);
	}

	/**
	 * Records an access by the current actor (the signed-in user or API client, else the
	 * system).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuditEntry entry) {
		insert(currentActor(), entry);
	}

	/**
	 * Records an access that wrote nothing, such as a read. Inside a transaction the row
	 * joins it, as with {@link #record}; outside one it is committed together with the
	 * rows of concurrent reads ({@link AuditGroupCommit}), and this returns once the row
	 * is durable — so call it before the data leaves the server.
	 */
	public void recordRead(AuditEntry entry) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			insert(currentActor(), entry);
		}
		else {
			groupCommit.write(currentActor(), entry, clock.instant());
		}
	}

	/**
	 * The audit row of an access by the current actor, for the statement that performs
	 * the access to write (see {@link StatementAudit}): one round trip for both.
	 */
	public StatementAudit inStatement(AuditEntry entry) {
		return new StatementAudit(new AuditRow(currentActor(), entry, clock.instant()));
	}

	/**
	 * Records several accesses by the current actor in one statement: a search that shows
	 * a list of patients records one entry per patient shown, so that "who saw this
	 * patient" includes result lists.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAll(List<AuditEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		Actor actor = currentActor();
		Instant at = clock.instant();
		new AuditRepository(jdbc).insertAll(entries.stream().map(e -> new AuditRow(actor, e, at)).toList());
	}

	/**
	 * Records an access whose actor is not (yet) the authenticated principal, such as a
	 * failed login, in a transaction of its own so that the record survives the failure
	 * it describes.
	 */
	public void recordAs(Actor actor, AuditEntry entry) {
		separateTransaction.executeWithoutResult(status -> insert(actor, entry));
	}

	/**
	 * Records a refusal in its own transaction: the refused request rolls back, its audit
	 * row must not.
	 */
	public void recordDenial(AuditEntry entry) {
		Actor actor = currentActor();
		separateTransaction.executeWithoutResult(status -> insert(actor, entry));
	}

	/**
	 * Entries matching the query, newest first; auditors only, and the search itself is
	 * audited.
	 */
	@Transactional
	public List<AuditRecord> find(AuditQuery query) {
		requireAuditor('s', query.patientId());
		List<AuditRecord> found = new AuditRepository(jdbc).find(query);
		record(new AuditEntry(AuditAction.SEARCH, "AuditEvent", null, query.patientId(), AuditOutcome.SUCCESS,
				found.size() + " entries"));
		return found;
	}

	/** One entry by id; auditors only, audited. */
	@Transactional
	public AuditRecord get(long id) {
		requireAuditor('r', null);
		AuditRecord found = new AuditRepository(jdbc).findById(id)
			.orElseThrow(() -> new continuum.platform.NotFoundException("No audit entry with id " + id));
		record(AuditEntry.success(AuditAction.READ, "AuditEvent", Long.toString(id), found.patientId()));
		return found;
	}

	private void requireAuditor(char interaction, String patientId) {
		try {
			AuditorAccess.require(interaction);
		}
		catch (org.springframework.security.access.AccessDeniedException ex) {
			recordDenial(AuditEntry.denied(interaction == 'r' ? AuditAction.READ : AuditAction.SEARCH, "AuditEvent",
					null, patientId, "not an auditor"));
			throw ex;
		}
	}

	/**
	 * {@link #verify()} asked for by a user: auditors and administrators only.
	 */
	public AuditVerification verifyForCaller() {
		var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
			.getAuthentication();
		boolean allowed = authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch(a -> "ROLE_AUDITOR".equals(a.getAuthority()) || "ROLE_ADMIN".equals(a.getAuthority()));
		if (!allowed) {
			throw new org.springframework.security.access.AccessDeniedException(
					"Only auditors and administrators may verify the audit log");
		}
		return verify();
	}

	/**
	 * Links pending rows, then recomputes the whole hash chain; see
	 * {@link AuditVerification}.
	 */
	public AuditVerification verify() {
		chainer.chainPending();
		return new AuditVerifier(jdbc, anchor).verify();
	}

	private void insert(Actor actor, AuditEntry entry) {
		jdbc.sql("""
				insert into audit_log (recorded_at, username, role, action, resource_type, resource_id, patient_id,
				                       outcome, address, detail)
				values (:at, :username, :role, :action, :type, :id, :patient, :outcome, :address, :detail)""")
			.param("at", Timestamp.from(clock.instant()))
			.param("username", actor.username())
			.param("role", actor.role())
			.param("action", entry.action().name())
			.param("type", entry.resourceType())
			.param("id", entry.resourceId())
			.param("patient", entry.patientId())
			.param("outcome", entry.outcome().name())
			.param("address", actor.address())
			.param("detail", entry.detail())
			.update();
	}

	/**
	 * The actor of the current request, from the security context and the servlet
	 * request.
	 */
	public static Actor currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String address = remoteAddress();
		if (authentication == null || !authentication.isAuthenticated()
				|| "anonymousUser".equals(authentication.getName())) {
			return address == null ? Actor.SYSTEM : new Actor("anonymous", null, address);
		}
		String role = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a != null && a.startsWith("ROLE_"))
			.map(a -> a.substring(5))
			.findFirst()
			.orElse(null);
		return new Actor(authentication.getName(), role, address);
	}

	private static @Nullable String remoteAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
