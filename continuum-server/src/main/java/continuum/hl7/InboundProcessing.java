package continuum.hl7;

import java.time.Clock;
import java.time.Instant;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import continuum.platform.DatabaseFailure;
import continuum.platform.SafeLogging;
import continuum.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

/**
 * Runs a stored message's handler inside the caller's transaction, behind a savepoint: on
 * success the message is processed and its response is the handler's or an AA; on an
 * application error (or any failure of the handler that is not the database's) the
 * handler's work is rolled back to the savepoint and the message is quarantined with
 * AE/AR and an ERR. A database failure escapes, so the whole transaction fails and
 * nothing is claimed. The outcome and the response are written to the message's row in
 * the same transaction, so a duplicate gets the very same answer.
 */
@Component
class InboundProcessing {

	private static final Logger log = LoggerFactory.getLogger(InboundProcessing.class);

	private final InboundHandlers handlers;

	private final InboundStore store;

	private final Hl7Parser parser;

	private final Acknowledgements acks;

	private final CurrentUser currentUser;

	private final Clock clock;

	InboundProcessing(InboundHandlers handlers, InboundStore store, Hl7Parser parser, Acknowledgements acks,
			CurrentUser currentUser, Clock clock) {
		this.handlers = handlers;
		this.store = store;
		this.parser = parser;
		this.acks = acks;
		this.currentUser = currentUser;
		this.clock = clock;
	}

	/**
	 * Processes a stored message whose row the caller's transaction holds (inserted or
	 * locked by it); answers the response written with it.
	 */
	Outcome process(Pending message, TransactionStatus status) {
		MshHeader msh = message.msh();
		Message parsed = message.parsed();
		if (parsed == null) {
			try {
				parsed = parser.parse(message.text(), msh);
			}
			catch (Hl7Parser.ParseFailure ex) {
				return quarantine(message, ex.error(), null);
			}
		}
		InboundHandler handler = handlers.forType(msh.type());
		if (handler == null) {
			return quarantine(message, handlers.unsupported(msh.type()), null);
		}
		InboundMessage inbound = new InboundMessage(message.id(), message.link(), msh.controlId(), msh.type(), parsed,
				message.text(), message.receivedAt());
		Object savepoint = status.createSavepoint();
		try {
			Message response = currentUser.asServer(() -> handler.handle(inbound));
			status.releaseSavepoint(savepoint);
			String er7 = response == null ? acks.build(msh, "AA", null) : encode(response);
			String code = response == null ? "AA" : acknowledgementCode(response);
			store.finish(message.id(), MessageState.PROCESSED, code, er7, null, inbound.reportedPatient(),
					clock.instant());
			return new Outcome(MessageState.PROCESSED, code, er7);
		}
		catch (Hl7ApplicationException ex) {
			status.rollbackToSavepoint(savepoint);
			String patient = ex.patientId() != null ? ex.patientId() : inbound.reportedPatient();
			log.info("HL7 message {} ({}) quarantined: {} {}", message.id(), msh.type(), ex.code().code(),
					ex.code().text());
			return quarantine(message, AckError.of(ex), patient, errorResponse(handler, inbound, ex, status));
		}
		catch (RuntimeException ex) {
			if (DatabaseFailure.of(ex) != null) {
				throw ex;
			}
			status.rollbackToSavepoint(savepoint);
			log.warn("HL7 message {} ({}) quarantined: its handler failed: {}", message.id(), msh.type(),
					SafeLogging.describe(ex));
			AckError error = new AckError(Hl7ErrorCode.APPLICATION_INTERNAL_ERROR,
					"The message could not be processed; it is kept in quarantine", null, false);
			return quarantine(message, error, inbound.reportedPatient(), errorResponse(handler, inbound,
					new Hl7ApplicationException(error.code(), error.text(), null), status));
		}
	}

	/**
	 * The handler's own reply to a message it refused, or null for the ACK; behind a
	 * savepoint of its own, so that a failing reply leaves the quarantine intact.
	 */
	private @Nullable Message errorResponse(InboundHandler handler, InboundMessage inbound,
			Hl7ApplicationException error, TransactionStatus status) {
		Object savepoint = status.createSavepoint();
		try {
			Message reply = currentUser.asServer(() -> handler.errorResponse(inbound, error));
			status.releaseSavepoint(savepoint);
			return reply;
		}
		catch (RuntimeException ex) {
			if (DatabaseFailure.of(ex) != null) {
				throw ex;
			}
			status.rollbackToSavepoint(savepoint);
			log.warn("HL7 message {} ({}): its handler's error reply failed; answered with an ACK: {}", inbound.id(),
					inbound.type(), SafeLogging.describe(ex));
			return null;
		}
	}

	private Outcome quarantine(Pending message, AckError error, @Nullable String patientId) {
		return quarantine(message, error, patientId, null);
	}

	private Outcome quarantine(Pending message, AckError error, @Nullable String patientId, @Nullable Message reply) {
		String code = error.applicationCode();
		String er7 = reply == null ? null : acks.errorReply(message.msh(), code, error, reply);
		if (er7 == null) {
			er7 = acks.build(message.msh(), code, error);
		}
		store.finish(message.id(), MessageState.QUARANTINED, code, er7, error, patientId, clock.instant());
		return new Outcome(MessageState.QUARANTINED, code, er7);
	}

	private static String encode(Message response) {
		try {
			return response.encode();
		}
		catch (HL7Exception ex) {
			throw new IllegalStateException("A handler's response could not be encoded", ex);
		}
	}

	/** MSA-1 of a handler's response, AA when it has none. */
	private static String acknowledgementCode(Message response) {
		try {
			String er7 = response.encode();
			for (String segment : er7.split("\r")) {
				if (segment.startsWith("MSA|")) {
					String[] fields = segment.split("\\|", -1);
					return fields.length > 1 && fields[1].matches("A[AER]") ? fields[1] : "AA";
				}
			}
			return "AA";
		}
		catch (HL7Exception ex) {
			return "AA";
		}
	}

	/**
	 * A stored message to process: its row id, link, text (segments separated by CR),
	 * header, the parsed message when the receiver parsed it already, and when it was
	 * received.
	 */
	record Pending(long id, String link, String text, MshHeader msh, @Nullable Message parsed, Instant receivedAt) {

		/** A stored message as read back from its row (to replay or re-process it). */
		static Pending of(StoredMessage stored) {
			String text = InboundReceiver.segments(stored.text());
			return new Pending(stored.id(), stored.link(), text, MshHeader.read(text).orElseThrow(), null,
					stored.receivedAt());
		}

	}

	/** What a processing decided: the state, MSA-1 and the response sent. */
	record Outcome(MessageState state, String ackCode, String response) {
	}

}
