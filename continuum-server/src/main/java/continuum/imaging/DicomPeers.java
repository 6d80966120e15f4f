package continuum.imaging;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.platform.NotFoundException;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The known DICOM peers: who may call the server's AE and what each may do (checked per
 * request from a snapshot held in memory), and the C-MOVE destinations. Managed by the IT
 * team and administrators ({@link Role#managesDicomPeers()}); each change is audited and,
 * once committed, reloads the snapshot the AE asks at each association request.
 */
@Service
public class DicomPeers {

	private final PeerRepository repository;

	private final AccessControl access;

	private final CurrentUser currentUser;

	private final AuditService audit;

	private final Clock clock;

	private final boolean acceptUnknownCallers;

	private volatile Map<String, DicomPeer> snapshot = Map.of();

	DicomPeers(PeerRepository repository, AccessControl access, CurrentUser currentUser, AuditService audit,
			Clock clock, DicomSettings settings) {
		this.repository = repository;
		this.access = access;
		this.currentUser = currentUser;
		this.audit = audit;
		this.clock = clock;
		this.acceptUnknownCallers = settings.acceptUnknownCallers();
	}

	/**
	 * Whether a caller may ask for this operation: a known peer if its row allows it; an
	 * unknown caller only where unknown callers are accepted at all (then for
	 * everything).
	 */
	public boolean permits(String callingAeTitle, DicomPeer.Operation operation) {
		DicomPeer peer = snapshot.get(callingAeTitle);
		return peer != null ? peer.may(operation) : acceptUnknownCallers;
	}

	/** The peer with this AE title, from the snapshot (no database round trip). */
	public Optional<DicomPeer> peer(String aeTitle) {
		return Optional.ofNullable(snapshot.get(aeTitle));
	}

	/** Every known peer by AE title, from the snapshot. */
	public Map<String, DicomPeer> all() {
		return snapshot;
	}

	/** Reads the table into the snapshot (at start and after each change). */
	public void reload() {
		Map<String, DicomPeer> peers = new LinkedHashMap<>();
		for (DicomPeer peer : repository.all()) {
			peers.put(peer.aeTitle(), peer);
		}
		snapshot = Map.copyOf(peers);
	}

	/** Whether the current user may manage the peers. */
	public boolean allowed() {
		Role role = access.currentRole();
		return role != null && role.managesDicomPeers();
	}

	@Transactional(readOnly = true)
	public List<DicomPeer> list() {
		require();
		return repository.all();
	}

	@Transactional
	public void save(DicomPeer peer) {
		require();
		repository.save(peer, currentUser.get().username(), clock.instant());
		audit.record(new AuditEntry(AuditAction.UPDATE, "DicomPeer", peer.aeTitle(), null,
				continuum.audit.AuditOutcome.SUCCESS, null));
		afterCommit();
	}

	@Transactional
	public void delete(String aeTitle) {
		require();
		if (!repository.delete(aeTitle)) {
			throw new NotFoundException("No DICOM peer " + aeTitle);
		}
		audit.record(new AuditEntry(AuditAction.DELETE, "DicomPeer", aeTitle, null,
				continuum.audit.AuditOutcome.SUCCESS, null));
		afterCommit();
	}

	private void afterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				reload();
			}
		});
	}

	private void require() {
		if (!allowed()) {
			audit.recordDenial(AuditEntry.denied(AuditAction.UPDATE, "DicomPeer", null, null,
					"only the IT team and administrators"));
			throw new AccessDeniedException("Only the IT team and administrators manage the DICOM peers");
		}
	}

}
