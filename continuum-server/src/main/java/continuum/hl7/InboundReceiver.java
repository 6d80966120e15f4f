package continuum.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import ca.uhn.hl7v2.model.Message;
import continuum.platform.DatabaseFailure;
import continuum.platform.SafeLogging;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to a frame taken off a connection: it is stored raw and committed before
 * any acknowledgement goes out (HL7 v2.5.1 §2.9.2 original mode: stored and processed in
 * one transaction, then AA/AE/AR; §2.9.3 enhanced mode: stored and committed, the accept
 * acknowledgement per MSH-15, then processed in a following transaction and the
 * application acknowledgement per MSH-16). A message of a sender and control id stored
 * before is not processed again: its stored response goes out again. A frame that cannot
 * be read is stored as rejected and answered AR with the best acknowledgement its MSH
 * allows. When the database fails, nothing is claimed: AR (or CE) with code 207, so the
 * sender sends again.
 */
@Component
class InboundReceiver {

	private static final Logger log = LoggerFactory.getLogger(InboundReceiver.class);

	private final InboundStore store;

	private final InboundProcessing processing;

	private final Hl7Parser parser;

	private final Acknowledgements acks;

	private final Clock clock;

	private final TransactionTemplate transaction;

	/**
	 * Fault injection for tests and drills ({@code continuum.mllp.fault-ack-delay},
	 * default none): how long an acknowledgement waits after its message was committed,
	 * to widen the moment a crash leaves a stored message unacknowledged. Never set in
	 * production.
	 */
	private final Duration faultAckDelay;

	InboundReceiver(InboundStore store, InboundProcessing processing, Hl7Parser parser, Acknowledgements acks,
			Clock clock, PlatformTransactionManager transactions,
			@Value("${continuum.mllp.fault-ack-delay:0s}") Duration faultAckDelay) {
		this.faultAckDelay = faultAckDelay;
		this.store = store;
		this.processing = processing;
		this.parser = parser;
		this.acks = acks;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** Writes a response on the connection the message came in on. */
	interface Reply {

		void send(String er7, Charset charset);

	}

	private void delayAfterCommit() {
		if (faultAckDelay.isZero()) {
			return;
		}
		try {
			Thread.sleep(faultAckDelay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void receive(String link, @Nullable String peer, Frame frame, long maxMessageSize, Reply reply) {
		Instant now = clock.instant();
		Optional<MshHeader> header = MshHeader.read(new String(frame.bytes(), StandardCharsets.ISO_8859_1));
		Charset charset = header.map(h -> MshHeader.charsetOf(h.charset())).orElse(StandardCharsets.UTF_8);
		String text = segments(StoredMessage.decode(frame.bytes(), charset.name()));
		MshHeader msh = header.isPresent() ? MshHeader.read(text).orElse(null) : null;
		InboundStore.NewMessage row = new InboundStore.NewMessage(link, peer, msh, frame.bytes(), charset.name(),
				msh == null ? null : PatientIdentifiers.of(text, msh), now);
		if (frame.kind() == Frame.Kind.TRUNCATED) {
			reject(row, msh, AckError.reject(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
					"The frame ended without its end block (FS CR): the message is incomplete", null), reply);
			return;
		}
		if (frame.kind() == Frame.Kind.OVERSIZE) {
			reject(row, msh,
					AckError.reject(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
							"The message is longer than the " + maxMessageSize + " bytes this interface accepts", null),
					reply);
			return;
		}
		if (msh == null) {
			reject(row, null, AckError.reject(Hl7ErrorCode.SEGMENT_SEQUENCE_ERROR,
					"The message does not start with an MSH segment", ErrorLocation.segment("MSH", 1)), reply);
			return;
		}
		Message parsed;
		try {
			parsed = parser.parse(text, msh);
		}
		catch (Hl7Parser.ParseFailure ex) {
			reject(row, msh, ex.error(), reply);
			return;
		}
		if (msh.enhancedMode()) {
			enhanced(row, msh, text, parsed, reply);
		}
		else {
			original(row, msh, text, parsed, reply);
		}
	}

	private void original(InboundStore.NewMessage row, MshHeader msh, String text, Message parsed, Reply reply) {
		InboundProcessing.Outcome outcome;
		try {
			outcome = transaction.execute(status -> {
				OptionalLong id = store.insert(row);
				if (id.isEmpty()) {
					return duplicate(msh, "AA");
				}
				return processing.process(
						new InboundProcessing.Pending(id.getAsLong(), row.link(), text, msh, parsed, row.receivedAt()),
						status);
			});
		}
		catch (RuntimeException ex) {
			reply.send(notStored(msh, "AR", ex), charset(row));
			return;
		}
		delayAfterCommit();
		reply.send(outcome.response(), charset(row));
	}

	private void enhanced(InboundStore.NewMessage row, MshHeader msh, String text, Message parsed, Reply reply) {
		OptionalLong id;
		StoredMessage earlier = null;
		try {
			id = transaction.execute(status -> store.insert(row));
			if (id.isEmpty()) {
				earlier = store.stored(msh).orElse(null);
			}
		}
		catch (RuntimeException ex) {
			if (AcknowledgementRules.sends(msh.acceptAckType(), false)) {
				reply.send(notStored(msh, "CE", ex), charset(row));
			}
			return;
		}
		if (AcknowledgementRules.sends(msh.acceptAckType(), true)) {
			reply.send(acks.build(msh, "CA", null), charset(row));
		}
		if (id.isEmpty()) {
			if (earlier != null && earlier.response() != null
					&& AcknowledgementRules.sends(msh.applicationAckType(), "AA".equals(earlier.ackCode()))) {
				reply.send(earlier.response(), charset(row));
			}
			return;
		}
		InboundProcessing.Outcome outcome;
		try {
			outcome = transaction.execute(
					status -> store.lock(id.getAsLong(), MessageState.RECEIVED)
						.map(locked -> processing.process(new InboundProcessing.Pending(locked.id(), row.link(), text,
								msh, parsed, row.receivedAt()), status))
						.orElse(null));
		}
		catch (RuntimeException ex) {
			log.warn("HL7 message {} stored but not processed yet (the database failed); it is processed later from "
					+ "the store: {}", id.getAsLong(), SafeLogging.describe(ex));
			return;
		}
		if (outcome != null && AcknowledgementRules.sends(msh.applicationAckType(), "AA".equals(outcome.ackCode()))) {
			reply.send(outcome.response(), charset(row));
		}
	}

	/**
	 * Stores a message refused before processing, then answers it AR (or CR in enhanced
	 * mode, when MSH-15 asks for it).
	 */
	private void reject(InboundStore.NewMessage row, @Nullable MshHeader msh, AckError error, Reply reply) {
		boolean enhanced = msh != null && msh.enhancedMode();
		String code = enhanced ? "CR" : "AR";
		String rejection = acks.build(msh, code, error);
		String response = rejection;
		try {
			long id = transaction.execute(status -> store.insertRejected(row, error, rejection));
			log.info("HL7 message {} on {} rejected: {} {}", id, row.link(), error.code().code(), error.code().text());
		}
		catch (RuntimeException ex) {
			response = notStored(msh, code, ex);
		}
		if (!enhanced || AcknowledgementRules.sends(msh.acceptAckType(), false)) {
			reply.send(response, charset(row));
		}
	}

	private InboundProcessing.Outcome duplicate(MshHeader msh, String acceptedCode) {
		StoredMessage earlier = store.stored(msh).orElseThrow();
		if (earlier.response() != null && earlier.ackCode() != null) {
			return new InboundProcessing.Outcome(earlier.state(), earlier.ackCode(), earlier.response());
		}
		return new InboundProcessing.Outcome(earlier.state(), acceptedCode, acks.build(msh, acceptedCode, null));
	}

	/** The answer when the database failed: nothing is claimed stored. */
	private String notStored(@Nullable MshHeader msh, String code, RuntimeException failure) {
		if (DatabaseFailure.of(failure) != null || failure instanceof DataAccessException
				|| failure instanceof TransactionException) {
			log.warn("HL7 message not stored (the database failed); answered {} 207 so that the sender sends it "
					+ "again: {}", code, SafeLogging.describe(failure));
		}
		else {
			log.error("HL7 message not stored (an internal error); answered {} 207: {}", code,
					SafeLogging.describe(failure));
		}
		return acks.build(msh, code, new AckError(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
				"The message could not be stored; send it again", null, true));
	}

	private static Charset charset(InboundStore.NewMessage row) {
		return Charset.forName(row.charset());
	}

	/**
	 * The text with every segment ended by CR, as HAPI reads it (LF and CR LF taken too).
	 */
	static String segments(String text) {
		return text.replace("\r\n", "\r").replace('\n', '\r');
	}

}
