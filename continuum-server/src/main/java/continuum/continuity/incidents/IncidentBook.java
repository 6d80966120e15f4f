package continuum.continuity.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditOutcome;
import continuum.audit.AuditService;
import continuum.continuity.ComponentState;
import continuum.continuity.Impact;
import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentResolved;
import continuum.continuity.IncidentStatus;
import continuum.continuity.probes.Component;
import continuum.continuity.probes.ComponentRepository;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.platform.VersionConflictException;
import continuum.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes incidents, for the probes and for people alike: version 1 when one is opened,
 * the next version for every change (never an update in place), an entry in the timeline
 * with each status change, an audit row for each version (resource type
 * {@value #INCIDENT}, actor the person or {@code system}), and {@link IncidentResolved}
 * when an outage is resolved. Keeps the components' states in step. Runs in the caller's
 * transaction.
 */
@Service
public class IncidentBook {

	static final String INCIDENT = "Incident";

	private final IncidentRepository incidents;

	private final ComponentRepository components;

	private final AuditService audit;

	private final ApplicationEventPublisher events;

	private final CurrentUser currentUser;

	private final Clock clock;

	IncidentBook(IncidentRepository incidents, ComponentRepository components, AuditService audit,
			ApplicationEventPublisher events, CurrentUser currentUser, Clock clock) {
		this.incidents = incidents;
		this.components = components;
		this.audit = audit;
		this.events = events;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	/**
	 * What an incident says, as one version writes it: a declaration, a correction, a
	 * resolution.
	 */
	public record Draft(IncidentKind kind, String title, Impact impact, IncidentStatus status, List<String> components,
			Instant start, @Nullable Instant end) {

		public Draft {
			title = title.strip();
			components = List.copyOf(new LinkedHashSet<>(components));
		}

		public static Draft of(Incident incident) {
			return new Draft(incident.kind(), incident.title(), incident.impact(), incident.status(),
					incident.components(), incident.start(), incident.end());
		}

		public Draft closed(IncidentStatus closing, Instant at) {
			return new Draft(kind, title, impact, closing, components, start,
					end != null && end.isBefore(at) ? end : at);
		}

		public Draft status(IncidentStatus next) {
			return new Draft(kind, title, impact, next, components, start, end);
		}

	}

	/**
	 * Opens an incident: version 1 and the first entry of its timeline ({@code note}).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Incident open(Draft draft, Instant detected, Incident.Origin origin, String reason, String note) {
		validate(draft, reason);
		Instant now = clock.instant();
		String actor = currentUser.get().username();
		long id = incidents.create(now);
		Incident first = new Incident(id, 1, draft.kind(), draft.title(), draft.impact(), draft.status(),
				draft.components(), draft.start(), detected, draft.end(), origin, reason.strip(), actor, now);
		incidents.insert(first);
		incidents.insertUpdate(id, draft.status(), note.strip(), actor, now);
		audited(AuditAction.CREATE, first);
		published(null, first);
		refreshStates();
		return first;
	}

	/**
	 * Writes the next version of the incident with what {@code draft} says; with
	 * {@code expectedVersion}, only if that is still the latest. A changed status, or a
	 * {@code note}, adds an entry to the timeline.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Incident change(long id, @Nullable Integer expectedVersion, Draft draft, String reason,
			@Nullable String note) {
		lockInOrder(id);
		Incident latest = incidents.latest(id).orElseThrow();
		if (expectedVersion != null && latest.version() != expectedVersion) {
			throw new VersionConflictException("Incident " + id + " is at version " + latest.version() + ", not "
					+ expectedVersion + ": someone changed it meanwhile; reload and try again");
		}
		if (draft.kind() != latest.kind()) {
			throw new InvalidInputException("An incident keeps its kind (" + latest.kind().code() + ")");
		}
		validate(draft, reason);
		Instant now = clock.instant();
		String actor = currentUser.get().username();
		Incident next = new Incident(id, latest.version() + 1, draft.kind(), draft.title(), draft.impact(),
				draft.status(), draft.components(), draft.start(), latest.detected(), draft.end(), latest.origin(),
				reason.strip(), actor, now);
		incidents.insert(next);
		if (next.status() != latest.status() || note != null && !note.isBlank()) {
			incidents.insertUpdate(id, next.status(), note == null || note.isBlank()
					? "Status: " + next.status().code() + ". " + reason.strip() : note.strip(), actor, now);
		}
		audited(AuditAction.UPDATE, next);
		if (!latest.status().closed() && next.status().closed()) {
			for (String code : latest.components()) {
				components.lock(code)
					.ifPresent(c -> components.saveRun(code, Component.Run.NONE,
							c.lastProbeAt() == null ? now : c.lastProbeAt(), c.lastError()));
			}
		}
		published(latest, next);
		refreshStates();
		return next;
	}

	/**
	 * Locks the incident's components (by code) before the incident, the order in which a
	 * probe result takes them (its component, then the incident it opens or resolves), so
	 * that a change by hand and a probe never wait for each other in a circle.
	 */
	private void lockInOrder(long id) {
		Incident seen = incidents.latest(id).orElseThrow(() -> new NotFoundException("No incident " + id));
		seen.components().stream().sorted().forEach(components::lock);
		incidents.lock(id);
	}

	/**
	 * Adds an entry to the timeline without changing the incident (its status stays).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void note(long id, String body) {
		if (!incidents.lock(id)) {
			throw new NotFoundException("No incident " + id);
		}
		Incident latest = incidents.latest(id).orElseThrow();
		String text = body.strip();
		if (text.isEmpty() || text.length() > 2000) {
			throw new InvalidInputException("An update says something, in at most 2000 characters");
		}
		Instant now = clock.instant();
		incidents.insertUpdate(id, latest.status(), text, currentUser.get().username(), now);
		audit.record(new AuditEntry(AuditAction.UPDATE, INCIDENT, Long.toString(id), null, AuditOutcome.SUCCESS,
				"timeline entry at version " + latest.version()));
	}

	/** Brings every component's state in line with the incidents going on now. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void refreshStates() {
		Instant now = clock.instant();
		List<Incident> current = incidents.current(now);
		for (Component component : components.all()) {
			ComponentState state = stateOf(component.code(), current, now);
			if (state != component.state()) {
				components.setState(component.code(), state, now);
			}
		}
	}

	/**
	 * A component's state from the incidents going on: under maintenance during a window
	 * of its own, else the worst state its open outages put it in (by their impact), else
	 * operational.
	 */
	static ComponentState stateOf(String code, List<Incident> current, Instant now) {
		ComponentState worst = ComponentState.OPERATIONAL;
		for (Incident incident : current) {
			if (incident.status().closed() || !incident.components().contains(code) || !incident.covers(now)) {
				continue;
			}
			if (incident.kind() == IncidentKind.MAINTENANCE) {
				return ComponentState.UNDER_MAINTENANCE;
			}
			ComponentState hit = ComponentState.hitBy(incident.impact());
			if (hit.compareTo(worst) > 0) {
				worst = hit;
			}
		}
		return worst;
	}

	private void validate(Draft draft, String reason) {
		if (draft.title().isEmpty() || draft.title().length() > 200) {
			throw new InvalidInputException("An incident's title is 1 to 200 characters");
		}
		if (reason.isBlank() || reason.strip().length() > 500) {
			throw new InvalidInputException("Give a reason, in at most 500 characters");
		}
		if (draft.components().isEmpty()) {
			throw new InvalidInputException("Choose at least one affected component");
		}
		for (String code : draft.components()) {
			if (components.find(code).isEmpty()) {
				throw new InvalidInputException("No component with code " + code);
			}
		}
		if (!draft.status().fits(draft.kind())) {
			throw new InvalidInputException(
					"Status " + draft.status().code() + " is not one of a " + draft.kind().code() + "'s");
		}
		if (draft.end() != null && draft.end().isBefore(draft.start())) {
			throw new InvalidInputException("The end is before the start");
		}
		if (draft.kind() == IncidentKind.MAINTENANCE && draft.end() == null) {
			throw new InvalidInputException("A maintenance window has an end");
		}
		if (draft.kind() == IncidentKind.OUTAGE && draft.status().closed() != (draft.end() != null)) {
			throw new InvalidInputException(draft.status().closed() ? "A resolved outage has an end"
					: "An outage going on has no end yet; resolve it to end it");
		}
	}

	private void audited(AuditAction action, Incident version) {
		audit.record(new AuditEntry(action, INCIDENT, Long.toString(version.id()), null, AuditOutcome.SUCCESS,
				"version " + version.version() + ": " + version.kind().code() + " " + version.status().code() + ", "
						+ version.impact().code() + ", " + String.join(" ", version.components())));
	}

	/**
	 * Publishes {@link IncidentResolved} when an outage becomes resolved, and again when
	 * a resolved outage's window or components are corrected.
	 */
	private void published(@Nullable Incident before, Incident after) {
		if (after.kind() != IncidentKind.OUTAGE || after.status() != IncidentStatus.RESOLVED || after.end() == null) {
			return;
		}
		boolean same = before != null && before.status() == IncidentStatus.RESOLVED
				&& before.start().equals(after.start()) && after.end().equals(before.end())
				&& before.components().equals(after.components());
		if (!same) {
			events.publishEvent(new IncidentResolved(after.id(), after.version(), after.kind(), after.components(),
					after.start(), after.end()));
		}
	}

}
