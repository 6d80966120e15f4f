package continuum.continuity.incidents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentStatus;
import continuum.continuity.probes.ComponentCatalogue;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the IT role does with incidents by hand: declare an outage, plan a maintenance
 * window, correct an incident (a new version), add to its timeline, resolve it. Every
 * change needs a reason and is audited; anyone else is refused (audited too).
 */
@Service
public class IncidentDesk {

	private final IncidentBook book;

	private final IncidentRepository incidents;

	private final AccessControl access;

	private final AuditService audit;

	private final Clock clock;

	private final ComponentCatalogue catalogue;

	IncidentDesk(IncidentBook book, IncidentRepository incidents, AccessControl access, AuditService audit, Clock clock,
			ComponentCatalogue catalogue) {
		this.catalogue = catalogue;
		this.book = book;
		this.incidents = incidents;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
	}

	/** Whether the current user manages incidents. */
	public boolean allowed() {
		Role role = access.currentRole();
		return role != null && role.managesIncidents();
	}

	/** Refuses (and audits the refusal) unless the current user manages incidents. */
	public void require(AuditAction action, @Nullable Long id) {
		if (!allowed()) {
			audit.recordDenial(AuditEntry.denied(action, IncidentBook.INCIDENT, id == null ? null : id.toString(), null,
					"only the IT role manages incidents"));
			throw new AccessDeniedException("Only the IT role manages incidents");
		}
	}

	/**
	 * Sets a component's thresholds and probe interval (see
	 * {@link ComponentCatalogue#setThresholds}); audited.
	 */
	@Transactional
	public void setThresholds(String code, int failureThreshold, int recoveryThreshold, Duration interval) {
		require(AuditAction.UPDATE, null);
		catalogue.setThresholds(code, failureThreshold, recoveryThreshold, interval);
		audit.record(new AuditEntry(AuditAction.UPDATE, "Component", code, null, AuditOutcome.SUCCESS, "thresholds "
				+ failureThreshold + " failed / " + recoveryThreshold + " good, every " + interval.toMillis() + " ms"));
	}

	/**
	 * Declares an outage by hand, from {@code start} (now if null, never in the future),
	 * status investigating.
	 */
	@Transactional
	public Incident declare(String title, Impact impact, List<String> components, @Nullable Instant start,
			String reason) {
		require(AuditAction.CREATE, null);
		Instant now = clock.instant();
		Instant from = start == null ? now : start;
		if (from.isAfter(now)) {
			throw new InvalidInputException("An outage cannot start in the future; plan a maintenance window instead");
		}
		return book.open(new IncidentBook.Draft(IncidentKind.OUTAGE, title, impact, IncidentStatus.INVESTIGATING,
				components, from, null), now, Incident.Origin.MANUAL, reason, "Declared: " + reason.strip());
	}

	/** Plans a maintenance window of the components, announced ahead. */
	@Transactional
	public Incident planMaintenance(String title, List<String> components, Instant start, Instant end, String reason) {
		require(AuditAction.CREATE, null);
		if (!end.isAfter(start)) {
			throw new InvalidInputException("A maintenance window ends after it starts");
		}
		return book.open(
				new IncidentBook.Draft(IncidentKind.MAINTENANCE, title, Impact.NONE, IncidentStatus.SCHEDULED,
						components, start, end),
				clock.instant(), Incident.Origin.MANUAL, reason, "Planned: " + reason.strip());
	}

	/**
	 * Corrects the incident: writes version {@code expectedVersion + 1} with what
	 * {@code draft} says, if {@code expectedVersion} is still the latest.
	 */
	@Transactional
	public Incident correct(long id, int expectedVersion, IncidentBook.Draft draft, String reason) {
		require(AuditAction.UPDATE, id);
		return book.change(id, expectedVersion, draft, reason, null);
	}

	/**
	 * Adds an update to the timeline; a new status (for an outage: investigating,
	 * identified, monitoring, resolved) writes a new version too. Resolving ends the
	 * outage now.
	 */
	@Transactional
	public Incident update(long id, int expectedVersion, IncidentStatus status, String body) {
		require(AuditAction.UPDATE, id);
		Incident latest = incidents.latest(id).orElseThrow(() -> new NotFoundException("No incident " + id));
		if (body.isBlank() || body.strip().length() > 2000) {
			throw new InvalidInputException("An update says something, in at most 2000 characters");
		}
		if (status == latest.status()) {
			if (latest.version() != expectedVersion) {
				throw new VersionConflictException("Incident " + id + " is at version " + latest.version() + ", not "
						+ expectedVersion + ": someone changed it meanwhile; reload and try again");
			}
			book.note(id, body);
			return latest;
		}
		IncidentBook.Draft draft = status.closed() ? IncidentBook.Draft.of(latest).closed(status, clock.instant())
				: IncidentBook.Draft.of(latest).status(status);
		return book.change(id, expectedVersion, draft, "update: " + status.code(), body);
	}

	/**
	 * Resolves the outage (or completes the maintenance window) at {@code end} (now if
	 * null).
	 */
	@Transactional
	public Incident resolve(long id, int expectedVersion, @Nullable Instant end, String reason) {
		require(AuditAction.UPDATE, id);
		Incident latest = incidents.latest(id).orElseThrow(() -> new NotFoundException("No incident " + id));
		if (latest.status().closed()) {
			throw new InvalidInputException("Incident " + id + " is already " + latest.status().code());
		}
		Instant now = clock.instant();
		Instant at = end == null ? now : end;
		if (at.isAfter(now)) {
			throw new InvalidInputException("An incident cannot be resolved in the future");
		}
		IncidentStatus closing = latest.kind() == IncidentKind.MAINTENANCE ? IncidentStatus.COMPLETED
				: IncidentStatus.RESOLVED;
		IncidentBook.Draft base = IncidentBook.Draft.of(latest);
		IncidentBook.Draft draft = new IncidentBook.Draft(base.kind(), base.title(), base.impact(), closing,
				base.components(), base.start(), at);
		return book.change(id, expectedVersion, draft, reason, "Resolved: " + reason.strip());
	}

}
