package continuum.continuity.impact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import continuum.platform.ConflictException;
import continuum.platform.NotFoundException;
import continuum.scheduling.RescheduleCause;
import continuum.scheduling.bulk.BulkRescheduleService;
import continuum.scheduling.bulk.RescheduleBatch;
import continuum.scheduling.bulk.RescheduleRequest;
import continuum.scheduling.bulk.RescheduleScope;
import continuum.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one action after an outage: hands the appointments it hit to bulk rescheduling
 * (proposals, a scheduler's review and confirmation, one message per patient saying the
 * move is due to a technical outage). Taken once per incident: a second request answers
 * the batches the first started. Only an outage that is over is handed on, and only by
 * whoever may book appointments (bulk rescheduling checks the right).
 */
@Service
class ImpactRescheduling {

	/** The longest window one bulk rescheduling may cover; a longer outage is split. */
	static final Duration LONGEST = Duration.ofDays(31);

	private final Outages outages;

	private final ImpactRepository repository;

	private final BulkRescheduleService bulk;

	private final CurrentUser currentUser;

	private final Clock clock;

	ImpactRescheduling(Outages outages, ImpactRepository repository, BulkRescheduleService bulk,
			CurrentUser currentUser, Clock clock) {
		this.outages = outages;
		this.repository = repository;
		this.bulk = bulk;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	/**
	 * Starts the bulk reschedulings of the incident's window (one per 31 days), or
	 * answers those already started.
	 */
	@Transactional
	public List<Long> start(long incidentId) {
		Outage outage = outages.find(incidentId).orElseThrow(() -> new NotFoundException("No incident " + incidentId));
		if (outage.end() == null) {
			throw new ConflictException(
					"Incident " + incidentId + " is not resolved; its appointments are rescheduled once it is over");
		}
		ImpactReport report = repository.find(incidentId)
			.orElseThrow(() -> new ConflictException("The impact of incident " + incidentId + " is not computed yet"));
		if (report.appointments() == 0) {
			throw new ConflictException("Incident " + incidentId + " hit no booked appointment");
		}
		if (!repository.claimRescheduling(incidentId)) {
			return repository.batches(incidentId);
		}
		Instant now = clock.instant();
		Instant notBefore = report.windowEnd().isAfter(now) ? report.windowEnd() : now;
		String reason = "Technical outage (incident " + incidentId + ")";
		List<Long> started = new ArrayList<>();
		for (Instant from = report.windowStart(); from.isBefore(report.windowEnd()); from = from.plus(LONGEST)) {
			Instant to = from.plus(LONGEST).isBefore(report.windowEnd()) ? from.plus(LONGEST) : report.windowEnd();
			RescheduleBatch batch = bulk.start(new RescheduleRequest(RescheduleScope.ALL, null, null, from, to,
					notBefore, reason, RescheduleCause.TECHNICAL_OUTAGE));
			repository.recordBatch(incidentId, batch.id(), currentUser.get().username(), now);
			started.add(batch.id());
		}
		return started;
	}

}
