package continuum.hl7;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbound queue (transactional outbox): a message enqueued in the caller's
 * transaction is sent after commit, in order per orderingKey, retried with backoff until
 * the peer answers AA/CA, never lost. The sender is woken when the transaction commits,
 * so a message leaves at once; a periodic sweep picks up what a wake-up missed (another
 * node's commit, a retry that fell due).
 */
@Service
public class Hl7Outbox {

	private final OutboundStore store;

	private final OutboundSender sender;

	private final Clock clock;

	Hl7Outbox(OutboundStore store, OutboundSender sender, Clock clock) {
		this.store = store;
		this.sender = sender;
		this.clock = clock;
	}

	/**
	 * Queues {@code er7} (a whole message, MSH-10 set by the caller) for {@code link} (a
	 * name under {@code continuum.hl7.links}); messages of one {@code orderingKey} (e.g.
	 * a placer order number) go out strictly in the order they were enqueued.
	 * {@code patientId} is the patient the message is about, for the monitor and the
	 * audit.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(String link, String orderingKey, String er7, @Nullable String patientId) {
		if (link.isBlank() || link.length() > 64 || orderingKey.isBlank() || orderingKey.length() > 200) {
			throw new IllegalArgumentException("An outbound HL7 message needs a link (1-64 characters) and an "
					+ "ordering key (1-200 characters)");
		}
		MshHeader msh = MshHeader.read(er7)
			.orElseThrow(() -> new IllegalArgumentException("An outbound HL7 message starts with its MSH segment"));
		store.insert(link, orderingKey, msh, er7, patientId, clock.instant());
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				sender.wake();
			}
		});
	}

}
