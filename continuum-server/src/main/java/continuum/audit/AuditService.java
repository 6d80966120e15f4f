package continuum.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import continuum.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records accesses to patient data. Called explicitly by each module's service, inside
 * the transaction of the access itself, so that the data change and its audit row commit
 * together or not at all. The actor of each row is the {@link AuditCaller}'s.
 */
@Service
public class AuditService {

	private final AuditRepository repository;

	private final AuditCaller caller;

	private final Clock clock;

	private final AuditChainer chainer;

	private final AuditVerifier verifier;

	private final TransactionTemplate separateTransaction;

	private final AuditGroupCommit groupCommit;

	private final AuditCheckpoints checkpoints;

	AuditService(AuditRepository repository, AuditCaller caller, Clock clock, AuditChainer chainer,
			AuditVerifier verifier, AuditCheckpoints checkpoints, PlatformTransactionManager transactions) {
		this.repository = repository;
		this.checkpoints = checkpoints;
		this.caller = caller;
		this.clock = clock;
		this.chainer = chainer;
		this.verifier = verifier;
		this.separateTransaction = new TransactionTemplate(transactions);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.groupCommit = new AuditGroupCommit(repository, separateTransaction);
	}

	/**
	 * Records an access by the current actor (the signed-in user or API client, else the
	 * system).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuditEntry entry) {
		insert(caller.actor(), screened(entry));
	}

	/**
	 * Records an access that wrote nothing, such as a read. Inside a transaction the row
	 * joins it, as with {@link #record}; outside one it is committed together with the
	 * rows of concurrent reads ({@link AuditGroupCommit}), and this returns once the row
	 * is durable — so call it before the data leaves the server.
	 */
	public void recordRead(AuditEntry given) {
		AuditEntry entry = screened(given);
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			insert(caller.actor(), entry);
		}
		else {
			groupCommit.write(caller.actor(), entry, clock.instant());
		}
	}

	/**
	 * The audit row of an access by the current actor, for the statement that performs
	 * the access to write (see {@link StatementAudit}): one round trip for both.
	 */
	public StatementAudit inStatement(AuditEntry entry) {
		return new StatementAudit(new AuditRow(caller.actor(), screened(entry), clock.instant()));
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
		Actor actor = caller.actor();
		Instant at = clock.instant();
		repository.insertAll(caller.screen(entries).stream().map(e -> new AuditRow(actor, e, at)).toList());
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
		Actor actor = caller.actor();
		separateTransaction.executeWithoutResult(status -> insert(actor, entry));
	}

	/**
	 * Entries matching the query, newest first; auditors only, and the search itself is
	 * audited.
	 */
	@Transactional
	public List<AuditRecord> find(AuditQuery query) {
		requireAuditor(AuditAction.SEARCH, query.patientId());
		List<AuditRecord> found = repository.find(query);
		record(new AuditEntry(AuditAction.SEARCH, "AuditEvent", null, query.patientId(), AuditOutcome.SUCCESS,
				found.size() + " entries"));
		return found;
	}

	/**
	 * How many entries match the query (a search's total); auditors only, and the count
	 * is audited as a search.
	 */
	@Transactional
	public int count(AuditQuery query) {
		requireAuditor(AuditAction.SEARCH, query.patientId());
		int total = repository.count(query);
		record(new AuditEntry(AuditAction.SEARCH, "AuditEvent", null, query.patientId(), AuditOutcome.SUCCESS,
				total + " entries counted"));
		return total;
	}

	/** One entry by id; auditors only, audited. */
	@Transactional
	public AuditRecord get(long id) {
		requireAuditor(AuditAction.READ, null);
		AuditRecord found = repository.findById(id)
			.orElseThrow(() -> new NotFoundException("No audit entry with id " + id));
		record(AuditEntry.success(AuditAction.READ, "AuditEvent", Long.toString(id), found.patientId()));
		return found;
	}

	private void requireAuditor(AuditAction action, @Nullable String patientId) {
		if (!caller.mayRead(action)) {
			recordDenial(AuditEntry.denied(action, "AuditEvent", null, patientId, "not an auditor"));
			throw new AccessDeniedException("Only auditors may read the audit log");
		}
	}

	/**
	 * {@link #verify()} asked for by a user: auditors and administrators only; a refusal
	 * is audited.
	 */
	public AuditVerification verifyForCaller() {
		return verifyForCaller(List.of());
	}

	/**
	 * {@link #verifyForCaller()}, also against signed checkpoints kept off the machine.
	 * The call and its outcome are audited.
	 */
	public AuditVerification verifyForCaller(List<AuditCheckpoint> offMachine) {
		if (!caller.mayVerify()) {
			recordDenial(AuditEntry.denied(AuditAction.READ, "AuditEvent", null, null,
					"chain verification: only auditors and administrators"));
			throw new AccessDeniedException("Only auditors and administrators may verify the audit log");
		}
		AuditVerification result = verify(offMachine);
		recordRead(new AuditEntry(AuditAction.READ, "AuditEvent", null, null, AuditOutcome.SUCCESS,
				verificationDetail(result)));
		return result;
	}

	/**
	 * Links pending rows, then recomputes the whole hash chain; see
	 * {@link AuditVerification}.
	 */
	public AuditVerification verify() {
		return verify(List.of());
	}

	/** {@link #verify()}, also against these signed checkpoints. */
	AuditVerification verify(List<AuditCheckpoint> offMachine) {
		chainer.chainPending();
		return verifier.verify(offMachine);
	}

	/** What an audited verification found, in the audit row's detail. */
	static String verificationDetail(AuditVerification result) {
		return "chain verification: "
				+ (result.intact() ? "intact" : "TAMPERED, " + result.problems().size() + " problem(s)") + ", "
				+ result.rowsChecked() + " rows"
				+ (result.anchoredPosition() == null ? "" : ", anchor " + result.anchoredPosition())
				+ (result.checkpointPosition() == null ? "" : ", checkpoint " + result.checkpointPosition());
	}

	/**
	 * A checkpoint of the chain head signed with the audit key, for a place off the
	 * machine to keep (the downtime protocol gives it to the nodes); empty while the
	 * chain is empty.
	 */
	public Optional<AuditCheckpoint> checkpoint() {
		chainer.chainPending();
		return checkpoints.ofHead();
	}

	/**
	 * A checkpoint of the chain's link at {@code position}, signed as
	 * {@link #checkpoint()} is: a downtime node asks for the position of the newest
	 * checkpoint it keeps, to see that the chain still extends it. Empty when the chain
	 * holds no keyed link there.
	 */
	public Optional<AuditCheckpoint> checkpointAt(long position) {
		return checkpoints.at(position);
	}

	/**
	 * The newest link of the chain in {@code database} (this one, or a backup's session
	 * as it copies it), empty when nothing is linked yet.
	 */
	public Optional<AuditChainHead> chainHead(JdbcClient database) {
		return new AuditChainRepository(database).head()
			.map(link -> new AuditChainHead(link.position(), HexFormat.of().formatHex(link.hash())));
	}

	/**
	 * Recomputes the chain of another database, a restored copy of this one, end to end,
	 * and checks that it reaches {@code expected} (the head recorded when the copy was
	 * taken) with the same hash. Repositories over another database are made here, not
	 * injected: they read a database the application does not run on.
	 */
	public AuditVerification verifyCopy(JdbcClient copy, @Nullable AuditChainHead expected) {
		return verifier.verifyCopy(new AuditChainRepository(copy), expected == null ? null
				: new AuditAnchor.Link(expected.position(), HexFormat.of().parseHex(expected.hash())));
	}

	private AuditEntry screened(AuditEntry entry) {
		return caller.screen(List.of(entry)).get(0);
	}

	private void insert(Actor actor, AuditEntry entry) {
		repository.insert(new AuditRow(actor, entry, clock.instant()));
	}

}
