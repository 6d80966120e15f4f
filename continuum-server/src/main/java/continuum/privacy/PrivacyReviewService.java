package continuum.privacy;

import java.time.Clock;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.security.CurrentUser;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The privacy officer's review queue: every break-the-glass, open until it is marked
 * justified or not justified with a comment. Privacy officers only
 * ({@link Role#reviewsPrivacy}); reading the queue and every finding are audited, and so
 * is every refusal.
 */
@Service
public class PrivacyReviewService {

	private final PrivacyRepository repository;

	private final CurrentUser currentUser;

	private final AuditService audit;

	private final Clock clock;

	PrivacyReviewService(PrivacyRepository repository, CurrentUser currentUser, AuditService audit, Clock clock) {
		this.repository = repository;
		this.currentUser = currentUser;
		this.audit = audit;
		this.clock = clock;
	}

	/** Whether the caller reviews privacy (the navigation's link). */
	public boolean mayReview() {
		Role role = currentUser.get().role();
		return role != null && role.reviewsPrivacy();
	}

	/** Open (not reviewed) or closed accesses, newest first, at most 500. */
	@Transactional
	public List<BreakGlass> queue(boolean open) {
		require(AuditAction.SEARCH, null, null);
		List<BreakGlass> found = repository.breakGlasses(open, null, 500);
		audit.record(new AuditEntry(AuditAction.SEARCH, BreakGlassService.TYPE, null, null, AuditOutcome.SUCCESS,
				(open ? "open" : "closed") + " reviews: " + found.size()));
		return found;
	}

	/** One access, for the review form; audited as a read. */
	@Transactional
	public BreakGlass get(long id) {
		require(AuditAction.READ, Long.toString(id), null);
		BreakGlass glass = repository.breakGlass(id)
			.orElseThrow(() -> new NotFoundException("No break-the-glass access " + id));
		audit.record(AuditEntry.success(AuditAction.READ, BreakGlassService.TYPE, Long.toString(id),
				glass.patient().asString()));
		return glass;
	}

	/**
	 * Marks an open access justified or not, with a comment; a closed one stays as it is.
	 */
	@Transactional
	public BreakGlass review(long id, boolean justified, @Nullable String comment) {
		BreakGlass glass = repository.breakGlass(id)
			.orElseThrow(() -> new NotFoundException("No break-the-glass access " + id));
		require(AuditAction.UPDATE, Long.toString(id), glass.patient().asString());
		String words = comment == null ? "" : comment.strip();
		if (words.isEmpty() || words.length() > 1000) {
			throw new InvalidInputException("A review needs a comment of at most 1000 characters");
		}
		if (!repository.review(id, justified, words, currentUser.get().username(), clock.instant())) {
			throw new ConflictException("Break-the-glass access " + id + " was reviewed already");
		}
		audit.record(new AuditEntry(AuditAction.UPDATE, BreakGlassService.TYPE, Long.toString(id),
				glass.patient().asString(), AuditOutcome.SUCCESS,
				"reviewed: " + (justified ? "justified" : "not justified")));
		return repository.breakGlass(id).orElseThrow();
	}

	private void require(AuditAction action, @Nullable String id, @Nullable String patient) {
		if (!mayReview()) {
			audit.recordDenial(
					AuditEntry.denied(action, BreakGlassService.TYPE, id, patient, "only privacy officers review"));
			throw new AccessDeniedException("Only privacy officers review break-the-glass accesses");
		}
	}

}
