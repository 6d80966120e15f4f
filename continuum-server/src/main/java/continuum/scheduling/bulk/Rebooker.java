package continuum.scheduling.bulk;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.NotFoundException;
import continuum.platform.SafeLogging;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentService;
import continuum.scheduling.SlotTakenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step three of a bulk rescheduling: rebooks the confirmed items one by one, each in its
 * own transaction with {@link AppointmentService#reschedule} (which cancels the old
 * appointment, links it to the new one, audits, and through its event queues the
 * patient's one reschedule message) and the item's move to {@code REBOOKED}. Either all
 * of that commits or none of it, so a run stopped at any point leaves every item either
 * rebooked and notified or still confirmed, and the next run continues with the confirmed
 * ones: no appointment is moved twice, no patient told twice. Items are claimed with
 * {@code SKIP LOCKED}, so two runs of the same batch share the work.
 */
@Component
class Rebooker {

	private static final Logger log = LoggerFactory.getLogger(Rebooker.class);

	private final BulkRescheduleRepository repository;

	private final AppointmentService appointments;

	private final Proposer proposer;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Rebooker(BulkRescheduleRepository repository, AppointmentService appointments, Proposer proposer,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.repository = repository;
		this.appointments = appointments;
		this.proposer = proposer;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Rebooks up to {@code limit} confirmed items (all when {@code limit <= 0}); answers
	 * how many items were processed, whatever their outcome.
	 */
	int run(RescheduleBatch batch, int limit) {
		int processed = 0;
		while (limit <= 0 || processed < limit) {
			AtomicReference<RescheduleItem> claimed = new AtomicReference<>();
			try {
				Optional<Appointment> moved = transactions.execute(status -> {
					Optional<RescheduleItem> next = repository.claimNext(batch.id());
					if (next.isEmpty()) {
						return Optional.empty();
					}
					RescheduleItem item = next.get();
					claimed.set(item);
					Appointment replacement = appointments.reschedule(item.appointment(), item.proposedSlots(),
							batch.reason(), batch.cause());
					repository.rebooked(item.id(), replacement.id(), now());
					return Optional.of(replacement);
				});
				if (moved == null || moved.isEmpty()) {
					return processed;
				}
			}
			catch (AccessDeniedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				RescheduleItem item = claimed.get();
				if (item == null) {
					throw ex;
				}
				transactions.executeWithoutResult(status -> settle(batch, item, ex));
			}
			processed++;
		}
		return processed;
	}

	/**
	 * After a failed rebooking (rolled back): slots taken meanwhile get a new proposal,
	 * which the scheduler confirms again, or {@code NO_SLOT}; an appointment no longer
	 * booked is skipped; anything else fails the item with a code, never a message.
	 */
	private void settle(RescheduleBatch batch, RescheduleItem failed, RuntimeException ex) {
		RescheduleItem item = repository.lockItem(batch.id(), failed.id()).orElseThrow();
		if (item.state() != ItemState.CONFIRMED) {
			return;
		}
		Instant now = now();
		String code;
		if (ex instanceof SlotTakenException || ex instanceof InvalidInputException) {
			code = ex instanceof SlotTakenException ? "slot-taken" : "slots-unusable";
			repository.lockProposals();
			Optional<SlotPlanner.Choice> again = proposer.proposeAgain(item, batch.notBefore(), now);
			if (again.isPresent()) {
				repository.propose(item.id(), again.get().slotIds(), again.get().start(), code, now);
			}
			else {
				repository.close(item.id(), ItemState.NO_SLOT, code, now);
			}
		}
		else if (ex instanceof NotFoundException) {
			code = "not-found";
			repository.close(item.id(), ItemState.SKIPPED, code, now);
		}
		else if (ex instanceof ConflictException) {
			code = "not-booked";
			repository.close(item.id(), ItemState.SKIPPED, code, now);
		}
		else {
			code = "error";
			repository.close(item.id(), ItemState.FAILED, code, now);
		}
		log.warn("Bulk rescheduling {}: item {} (appointment {}) not rebooked, {}: {}", batch.id(), item.id(),
				item.appointment().asString(), code, SafeLogging.describe(ex));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
