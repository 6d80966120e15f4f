package continuum.lab;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import continuum.adt.CensusService;
import continuum.adt.CurrentStay;
import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.patients.PatientId;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Critical-value alerts: raised when a critical result is released, addressed to the
 * ordering physician and, for an inpatient, the ward; acknowledged by a physician or a
 * nurse; escalated to every physician and the clinical biologists when nobody
 * acknowledged it in time. Every step is audited (resource type {@value #COMMUNICATION}:
 * FHIR models the notice of a critical result as a Communication).
 */
@Service
public class CriticalAlertService {

	static final String COMMUNICATION = "Communication";

	private final AlertRepository alerts;

	private final OrderRepository orders;

	private final CensusService census;

	private final AccessControl access;

	private final AuditService audit;

	private final CurrentUser currentUser;

	private final LabSettings settings;

	private final Clock clock;

	CriticalAlertService(AlertRepository alerts, OrderRepository orders, CensusService census, AccessControl access,
			AuditService audit, CurrentUser currentUser, LabSettings settings, Clock clock) {
		this.alerts = alerts;
		this.orders = orders;
		this.census = census;
		this.access = access;
		this.audit = audit;
		this.currentUser = currentUser;
		this.settings = settings;
		this.clock = clock;
	}

	/** Raises the alert for a released critical result (once while it is open). */
	@Transactional(propagation = Propagation.MANDATORY)
	void raise(LabResult result) {
		LabOrder order = orders.find(orders.idOfItem(result.item()).orElseThrow(), false).orElseThrow();
		Optional<CurrentStay> stay = currentUser.asServer(() -> census.currentStay(result.patient()));
		Instant now = clock.instant();
		alerts
			.insert(result.id(), result.patient(), order.orderedBy(), stay.map(CurrentStay::wardCode).orElse(null), now,
					now.plus(settings.alertEscalateAfter()))
			.ifPresent(id -> audit
				.record(new AuditEntry(AuditAction.CREATE, COMMUNICATION, id.asString(), result.patient().asString(),
						continuum.audit.AuditOutcome.SUCCESS, "critical result " + result.id() + " alerted")));
	}

	/**
	 * The signed-in clinician acknowledges the alert, with an optional note (what was
	 * done).
	 */
	@Transactional
	public CriticalAlert acknowledge(AlertId id, @Nullable String note) {
		Role role = requireRecipientRole(AuditAction.UPDATE);
		CriticalAlert alert = alerts.find(id, true).orElseThrow(() -> notFound(id));
		if (!alert.open()) {
			throw new ConflictException("Alert " + id + " was already acknowledged by " + alert.acknowledgedBy());
		}
		if (!audienceOf(role).includes(alert)) {
			audit.recordDenial(AuditEntry.denied(AuditAction.UPDATE, COMMUNICATION, id.asString(),
					alert.patient().asString(), "alert not addressed to this user"));
			throw new AccessDeniedException("This alert is not addressed to you");
		}
		String text = note == null || note.isBlank() ? null : note.strip();
		if (text != null && text.length() > 500) {
			throw new InvalidInputException("An acknowledgement note has at most 500 characters");
		}
		alerts.acknowledge(id, currentUser.get().username(), text, clock.instant());
		audit.record(AuditEntry.success(AuditAction.UPDATE, COMMUNICATION, id.asString(), alert.patient().asString()));
		return alerts.find(id, false).orElseThrow();
	}

	/**
	 * The open alerts addressed to the signed-in user, escalated first; audited per
	 * alert. Restricted records the caller may not open are left out (the alert reaches
	 * those in the patient's care). A role that receives no alerts is refused (and the
	 * refusal audited), so that its alert page is a 403 rather than an empty list.
	 */
	@Transactional
	public List<CriticalAlert> open(int limit) {
		Role role = requireRecipientRole(AuditAction.SEARCH);
		java.util.Set<Long> hidden = access.hiddenPatients();
		List<CriticalAlert> found = alerts.open(audienceOf(role).query(), Math.max(1, Math.min(limit, 500)))
			.stream()
			.filter(alert -> !hidden.contains(alert.patient().value()))
			.toList();
		audit.recordAll(found.stream()
			.map(a -> AuditEntry.success(AuditAction.READ, COMMUNICATION, a.id().asString(), a.patient().asString()))
			.toList());
		return found;
	}

	/**
	 * How many open alerts are addressed to the signed-in user (the top bar's count; no
	 * patient data).
	 */
	@Transactional(readOnly = true)
	public int openCount() {
		Role role = access.currentRole();
		return role == null ? 0 : alerts.countOpen(audienceOf(role).query());
	}

	/** The patient's alerts, newest first; audited as a search for the patient. */
	@Transactional
	public List<CriticalAlert> ofPatient(PatientId patient) {
		access.require("Observation", Interaction.SEARCH, null, patient.asString());
		List<CriticalAlert> found = alerts.ofPatient(patient, 100);
		audit.record(AuditEntry.success(AuditAction.SEARCH, COMMUNICATION, null, patient.asString()));
		return found;
	}

	/**
	 * Escalates every open alert due now (level + 1, due again after the same interval);
	 * answers how many. Audited as the server.
	 */
	@Transactional
	public int escalateDue() {
		Instant now = clock.instant();
		List<CriticalAlert> escalated = alerts.escalateDue(now, now.plus(settings.alertEscalateAfter()), 500);
		audit.recordAll(escalated.stream()
			.map(a -> new AuditEntry(AuditAction.UPDATE, COMMUNICATION, a.id().asString(), a.patient().asString(),
					continuum.audit.AuditOutcome.SUCCESS, "escalated to level " + a.escalationLevel()))
			.toList());
		return escalated.size();
	}

	/**
	 * Whether the signed-in user's role receives critical-value alerts: physicians,
	 * nurses and clinical biologists (the top bar's count, the alert page).
	 */
	public boolean receivesAlerts() {
		Role role = currentUser.get().role();
		return role != null && (role.acknowledgesCriticalResults() || role.releasesLabResults());
	}

	private Role requireRecipientRole(AuditAction action) {
		Role role = currentUser.get().role();
		if (role == null || !receivesAlerts()) {
			audit.recordDenial(
					AuditEntry.denied(action, COMMUNICATION, null, null, "role does not receive critical results"));
			throw new AccessDeniedException("This role receives no critical-value alerts");
		}
		return role;
	}

	/**
	 * Physicians: theirs and every escalated one; nurses: the wards'; clinical
	 * biologists: escalated.
	 */
	private Recipients audienceOf(Role role) {
		String username = currentUser.get().username();
		return switch (role) {
			case PHYSICIAN -> new Recipients(username, false, true);
			case NURSE -> new Recipients(null, true, false);
			case LAB_SPECIALIST -> new Recipients(null, false, true);
			default -> new Recipients(null, false, false);
		};
	}

	private record Recipients(@Nullable String physician, boolean wards, boolean escalated) {

		AlertRepository.Audience query() {
			return new AlertRepository.Audience(physician, wards, escalated);
		}

		boolean includes(CriticalAlert alert) {
			return (physician != null && physician.equals(alert.physician())) || (wards && alert.wardCode() != null)
					|| (escalated && alert.escalationLevel() > 0);
		}

	}

	static ResultNotFoundException notFound(AlertId id) {
		return new ResultNotFoundException("No critical-value alert with id " + id);
	}

}
