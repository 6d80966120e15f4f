package continuum.continuity.impact;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import continuum.audit.AuditAction;
import continuum.audit.AuditEntry;
import continuum.audit.AuditService;
import continuum.notifications.NotificationMessage;
import continuum.notifications.NotificationService;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentQuery;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.AppointmentStatus;
import continuum.scheduling.LateArrival;
import continuum.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes, from the data, what an outage hit, and stores it with the incident (replacing
 * an earlier computation): the appointments of its window still booked (nobody could
 * check the patient in or see the list), the appointments whose arrival was recorded only
 * after it ended (the patient came but could not be checked in), and the patients'
 * messages queued in it that had not gone out when it ended. What counts depends on the
 * components hit ({@link ImpactReach}). Runs as the server itself, so the reads behind it
 * are audited as the system's; whoever later reads the lists is audited too.
 */
@Service
class ImpactAnalysis {

	/** The most items of each kind kept; a count that reaches it is "at least". */
	static final int LISTED = 50_000;

	private static final int PAGE = 1000;

	static final String INCIDENT = "Incident";

	private final AppointmentService appointments;

	private final NotificationService notifications;

	private final ImpactRepository repository;

	private final CurrentUser currentUser;

	private final AuditService audit;

	private final Clock clock;

	ImpactAnalysis(AppointmentService appointments, NotificationService notifications, ImpactRepository repository,
			CurrentUser currentUser, AuditService audit, Clock clock) {
		this.appointments = appointments;
		this.notifications = notifications;
		this.repository = repository;
		this.currentUser = currentUser;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Computes and stores the outage's impact: up to its end, or up to now while it
	 * lasts. {@code by} is who asked (a person, or {@code system} when the incident's
	 * resolution triggered it).
	 */
	@Transactional
	public ImpactReport analyse(Outage outage, String by) {
		Instant now = clock.instant();
		Instant end = outage.end() != null ? outage.end() : now;
		Instant start = outage.start().isAfter(end) ? end : outage.start();
		List<ImpactItem> items = currentUser.asServer(() -> items(outage, start, end));
		int booked = (int) items.stream().filter(i -> i.kind() == ImpactItem.Kind.APPOINTMENT).count();
		int late = (int) items.stream().filter(i -> i.kind() == ImpactItem.Kind.LATE_ARRIVAL).count();
		int messages = items.size() - booked - late;
		ImpactReport report = new ImpactReport(outage.incidentId(), start, end, outage.components(), now, by, booked,
				late, messages, items);
		repository.replace(report);
		audit.record(AuditEntry.success(AuditAction.UPDATE, INCIDENT, Long.toString(outage.incidentId()), null));
		return report;
	}

	/** The stored impact of the incident, if it was computed. */
	@Transactional(readOnly = true)
	public Optional<ImpactReport> report(long incidentId) {
		return repository.find(incidentId);
	}

	private List<ImpactItem> items(Outage outage, Instant start, Instant end) {
		List<ImpactItem> items = new ArrayList<>();
		if (ImpactReach.APPOINTMENTS.of(outage.components())) {
			bookedIn(start, end, items);
			for (LateArrival late : appointments.arrivalsRecordedFrom(start, end, end, LISTED)) {
				items.add(new ImpactItem(ImpactItem.Kind.LATE_ARRIVAL, "Appointment/" + late.appointment().asString(),
						late.patient(), late.start(), "recorded " + late.recordedAt()));
			}
		}
		if (ImpactReach.MESSAGES.of(outage.components())) {
			for (NotificationMessage message : notifications.notSentBy(start, end, LISTED)) {
				items.add(new ImpactItem(ImpactItem.Kind.MESSAGE, "Communication/" + message.id(), message.patient(),
						message.createdAt(), message.kind().name() + " " + message.status().name().toLowerCase()));
			}
		}
		return items;
	}

	private void bookedIn(Instant start, Instant end, List<ImpactItem> items) {
		AppointmentQuery query = AppointmentQuery.inWindow(null, start, end)
			.withStatuses(Set.of(AppointmentStatus.BOOKED));
		for (int offset = 0; offset < LISTED; offset += PAGE) {
			List<Appointment> page = appointments.search(query, PAGE, offset);
			for (Appointment appointment : page) {
				items.add(new ImpactItem(ImpactItem.Kind.APPOINTMENT, "Appointment/" + appointment.id().asString(),
						appointment.patient(), appointment.start(), appointment.type().name()));
			}
			if (page.size() < PAGE) {
				return;
			}
		}
	}

}
