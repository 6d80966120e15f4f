package continuum.hl7;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.DeepCopy;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Builds acknowledgements (HL7 v2.5.1 §2.9, §2.14.1 MSA, §2.14.5 ERR) as ER7 text with
 * the standard encoding characters: MSH answering the message's sender, MSA-1 the code
 * (AA/AE/AR, CA/CE/CR), MSA-2 the message's control id, MSA-3 the error text, and for an
 * error ERR-2 the location, ERR-3 the code of table 0357, ERR-4 severity E, ERR-8 the
 * text. Built from the MSH fields alone, so a message that does not parse still gets an
 * acknowledgement naming its control id when it has one.
 */
@Component
class Acknowledgements {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");

	private final Clock clock;

	private final AtomicLong sequence = new AtomicLong();

	private final String prefix;

	private final PipeParser parser;

	Acknowledgements(Clock clock) {
		this.clock = clock;
		this.prefix = "C" + Long.toString(clock.millis(), 36).toUpperCase(java.util.Locale.ROOT) + "-";
		HapiContext context = new DefaultHapiContext();
		context.setValidationContext(ValidationContextFactory.noValidation());
		context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
		this.parser = context.getPipeParser();
	}

	/**
	 * A handler's reply to a message it refused (an ORI^O24, an ORR^O02), encoded, with
	 * the MSA and ERR that {@link #build} writes in place of its own, so that an error
	 * reads the same in every reply type. Null when the reply has no MSA and ERR at its
	 * top level or cannot be encoded: the caller then sends the ACK.
	 */
	@Nullable String errorReply(@Nullable MshHeader msh, String code, AckError error, Message reply) {
		try {
			Message ack = parser.parse(build(msh, code, error));
			if (!isSegment(reply, "MSA") || !isSegment(reply, "ERR")) {
				return null;
			}
			DeepCopy.copy((Segment) ack.get("MSA"), (Segment) reply.get("MSA"));
			DeepCopy.copy((Segment) ack.get("ERR"), (Segment) reply.get("ERR"));
			return reply.encode();
		}
		catch (HL7Exception | RuntimeException ex) {
			return null;
		}
	}

	private static boolean isSegment(Message message, String name) {
		return java.util.Arrays.asList(message.getNames()).contains(name) && message.getClass(name) != null
				&& Segment.class.isAssignableFrom(message.getClass(name));
	}

	/**
	 * An acknowledgement of {@code code} for the message with this header (null when no
	 * MSH could be read), with an ERR segment when {@code error} is set.
	 */
	String build(@Nullable MshHeader msh, String code, @Nullable AckError error) {
		StringBuilder ack = new StringBuilder(256);
		String event = msh == null || msh.type() == null ? "" : event(msh.type());
		ack.append("MSH|^~\\&|")
			.append(copy(msh, msh == null ? "" : msh.receivingApplication()))
			.append('|')
			.append(copy(msh, msh == null ? "" : msh.receivingFacility()))
			.append('|')
			.append(copy(msh, msh == null ? "" : msh.sendingApplication()))
			.append('|')
			.append(copy(msh, msh == null ? "" : msh.sendingFacility()))
			.append('|')
			.append(TIMESTAMP.format(clock.instant().atZone(clock.getZone())))
			.append("||ACK^")
			.append(event)
			.append("^ACK|")
			.append(prefix)
			.append(sequence.incrementAndGet())
			.append('|')
			.append(msh == null || !msh.processingId().matches("[DPT]") ? "P" : msh.processingId())
			.append("|2.5.1");
		if (msh != null && !msh.charset().isBlank()) {
			ack.append("||||||").append(clean(msh.charset()));
		}
		ack.append('\r');
		ack.append("MSA|").append(code).append('|').append(controlId(msh));
		if (error != null) {
			ack.append('|').append(escape(error.text()));
		}
		ack.append('\r');
		if (error != null) {
			ack.append("ERR||")
				.append(error.where() == null ? "" : error.where().encode())
				.append('|')
				.append(error.code().code())
				.append('^')
				.append(escape(error.code().text()))
				.append("^HL70357|E||||")
				.append(escape(error.text()))
				.append('\r');
		}
		return ack.toString();
	}

	private static String controlId(@Nullable MshHeader msh) {
		return msh == null || msh.controlId() == null ? "" : clean(msh.controlId());
	}

	/** The trigger event of "ORU^R01". */
	private static String event(String type) {
		int at = type.indexOf('^');
		return at < 0 ? "" : clean(type.substring(at + 1));
	}

	/**
	 * A field of the message's MSH as it was when the message used the standard encoding
	 * characters (components kept); otherwise without any of our delimiters.
	 */
	private static String copy(@Nullable MshHeader msh, String field) {
		if (msh != null && msh.standardEncoding()) {
			return field.replace("|", "").replace("\r", "");
		}
		return clean(field);
	}

	private static String clean(String value) {
		return value.replaceAll("[|^~\\\\&\r\n]", " ").strip();
	}

	/** Text with the escape sequences of §2.7.4 for the standard encoding characters. */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\E\\");
				case '|' -> escaped.append("\\F\\");
				case '^' -> escaped.append("\\S\\");
				case '&' -> escaped.append("\\T\\");
				case '~' -> escaped.append("\\R\\");
				case '\r', '\n' -> escaped.append(' ');
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
