package continuum.scheduling.bulk;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import continuum.platform.ConflictException;
import continuum.platform.NotFoundException;
import continuum.scheduling.ScheduleService;
import continuum.security.AccessControl;
import continuum.security.CurrentUser;
import continuum.security.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk rescheduling, for schedulers (it needs the right to book appointments): select the
 * booked appointments of a resource, a department or the hospital in a window and propose
 * the earliest fitting slots ({@link #start}, {@link #propose}); let the scheduler drop
 * items and confirm ({@link #drop}, {@link #confirm}); rebook and notify item by item
 * ({@link #execute}). Every step records its progress in the batch, so that calling a
 * step again after a stop continues where it stopped. Appointment reads and changes are
 * audited by the appointment service it calls.
 */
@Service
public class BulkRescheduleService {

	static final String APPOINTMENT = "Appointment";

	private final BulkRescheduleRepository repository;

	private final Proposer proposer;

	private final Rebooker rebooker;

	private final ScheduleService schedules;

	private final AccessControl access;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final CurrentUser currentUser;

	BulkRescheduleService(BulkRescheduleRepository repository, Proposer proposer, Rebooker rebooker,
			ScheduleService schedules, AccessControl access, PlatformTransactionManager transactionManager, Clock clock,
			CurrentUser currentUser) {
		this.currentUser = currentUser;
		this.repository = repository;
		this.proposer = proposer;
		this.rebooker = rebooker;
		this.schedules = schedules;
		this.access = access;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Opens a batch with the request's booked appointments (those not already in another
	 * open batch), in start order, then proposes slots for them.
	 */
	public RescheduleBatch start(RescheduleRequest request) {
		requireRight();
		long id = transactions.execute(status -> {
			if (request.schedule() != null) {
				schedules.get(request.schedule());
			}
			long batch = repository.insertBatch(request, currentUser.get().username(), now());
			repository.insertItems(batch, proposer.select(request), now());
			return batch;
		});
		return propose(id);
	}

	/**
	 * Proposes slots for every item still waiting for one (all of them, after
	 * {@link #start}; the rest, after a stop) and opens the batch for review.
	 */
	public RescheduleBatch propose(long batchId) {
		requireRight();
		transactions.executeWithoutResult(status -> {
			RescheduleBatch batch = lock(batchId);
			if (batch.status() != BatchStatus.PROPOSING) {
				throw new ConflictException("Bulk rescheduling " + batchId + " is " + batch.status().name()
						+ "; its proposals are already made");
			}
			repository.lockProposals();
			proposer.propose(repository.items(batchId, ItemState.SELECTED, Integer.MAX_VALUE, 0), batch.notBefore(),
					now());
			repository.setStatus(batchId, BatchStatus.REVIEW, now());
		});
		return batch(batchId);
	}

	/** Takes an item out of the batch (proposed or without slot): it is not rebooked. */
	public RescheduleItem drop(long batchId, long itemId) {
		requireRight();
		return transactions.execute(status -> {
			RescheduleBatch batch = lock(batchId);
			RescheduleItem item = repository.lockItem(batchId, itemId)
				.orElseThrow(() -> new NotFoundException("No item " + itemId + " in bulk rescheduling " + batchId));
			if (batch.status() == BatchStatus.PROPOSING || batch.status() == BatchStatus.DONE
					|| (item.state() != ItemState.PROPOSED && item.state() != ItemState.NO_SLOT)) {
				throw new ConflictException("Item " + itemId + " of bulk rescheduling " + batchId + " is "
						+ item.state().name() + "; only a proposal under review can be dropped");
			}
			repository.close(itemId, ItemState.SKIPPED, "dropped", now());
			return repository.lockItem(batchId, itemId).orElseThrow();
		});
	}

	/**
	 * Proposes an item under review again, from {@code notBefore} on (the scheduler's
	 * change of a proposal): its slots are released first; nothing fitting is
	 * {@code NO_SLOT}.
	 */
	public RescheduleItem proposeAgain(long batchId, long itemId, Instant notBefore) {
		requireRight();
		return transactions.execute(status -> {
			RescheduleBatch batch = lock(batchId);
			RescheduleItem item = repository.lockItem(batchId, itemId)
				.orElseThrow(() -> new NotFoundException("No item " + itemId + " in bulk rescheduling " + batchId));
			if (batch.status() != BatchStatus.REVIEW
					|| (item.state() != ItemState.PROPOSED && item.state() != ItemState.NO_SLOT)) {
				throw new ConflictException("Item " + itemId + " of bulk rescheduling " + batchId + " is "
						+ item.state().name() + "; only a proposal under review can be changed");
			}
			repository.lockProposals();
			repository.close(itemId, ItemState.SELECTED, "changed", now());
			proposer.proposeAgain(item, notBefore, now())
				.ifPresentOrElse(
						choice -> repository.propose(itemId, choice.slotIds(), choice.start(), "changed", now()),
						() -> repository.close(itemId, ItemState.NO_SLOT, "no-free-slot", now()));
			return repository.lockItem(batchId, itemId).orElseThrow();
		});
	}

	/** Confirms every proposal under review; the batch is then ready to execute. */
	public RescheduleBatch confirm(long batchId) {
		requireRight();
		transactions.executeWithoutResult(status -> {
			RescheduleBatch batch = lock(batchId);
			if (batch.status() != BatchStatus.REVIEW) {
				throw new ConflictException(
						"Bulk rescheduling " + batchId + " is " + batch.status().name() + ", not under review");
			}
			repository.confirmAll(batchId, now());
			repository.setStatus(batchId, BatchStatus.EXECUTING, now());
		});
		return batch(batchId);
	}

	/**
	 * Rebooks up to {@code limit} confirmed items (all when {@code limit <= 0}), each in
	 * its own transaction with its patient's message. When none is left the batch is
	 * done, or back under review when some slots were taken meanwhile and got new
	 * proposals.
	 */
	public RescheduleBatch execute(long batchId, int limit) {
		requireRight();
		RescheduleBatch batch = batch(batchId);
		if (batch.status() != BatchStatus.EXECUTING) {
			throw new ConflictException(
					"Bulk rescheduling " + batchId + " is " + batch.status().name() + ", not confirmed");
		}
		rebooker.run(batch, limit);
		transactions.executeWithoutResult(status -> {
			RescheduleBatch current = lock(batchId);
			if (current.status() == BatchStatus.EXECUTING && current.count(ItemState.CONFIRMED) == 0) {
				repository.setStatus(batchId,
						current.count(ItemState.PROPOSED) > 0 ? BatchStatus.REVIEW : BatchStatus.DONE, now());
			}
		});
		return batch(batchId);
	}

	public RescheduleBatch batch(long batchId) {
		requireRight();
		return repository.batch(batchId)
			.orElseThrow(() -> new NotFoundException("No bulk rescheduling with id " + batchId));
	}

	/**
	 * The batch's items in start order of their old appointments, optionally of one
	 * state.
	 */
	public List<RescheduleItem> items(long batchId, @Nullable ItemState state, int limit, int offset) {
		batch(batchId);
		return repository.items(batchId, state, Math.max(0, limit), Math.max(0, offset));
	}

	/** The most recent batches, newest first. */
	public List<RescheduleBatch> recent(int limit) {
		requireRight();
		return repository.recent(Math.max(0, limit));
	}

	private RescheduleBatch lock(long batchId) {
		if (!repository.lockBatch(batchId)) {
			throw new NotFoundException("No bulk rescheduling with id " + batchId);
		}
		return repository.batch(batchId).orElseThrow();
	}

	/** Rescheduling is booking: it needs the right to create appointments. */
	private void requireRight() {
		access.require(APPOINTMENT, Interaction.CREATE, null, null);
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
