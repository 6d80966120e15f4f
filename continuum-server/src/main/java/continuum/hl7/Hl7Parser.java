package continuum.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.springframework.stereotype.Component;

/**
 * Parses ER7 text with HAPI into the v2.5.1 model (messages of earlier 2.x versions are
 * read into it as well), without validation, so that a message of a structure HAPI does
 * not know still parses (as a generic message) and can be stored and handled. The MSH
 * checks before it answer each failure with its code of table 0357 and its place.
 */
@Component
class Hl7Parser {

	private final PipeParser parser;

	Hl7Parser() {
		HapiContext context = new DefaultHapiContext();
		context.setValidationContext(ValidationContextFactory.noValidation());
		context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
		this.parser = context.getPipeParser();
	}

	/**
	 * Checks the header, then parses. Throws {@link ParseFailure} with the
	 * acknowledgement's error.
	 */
	Message parse(String text, MshHeader msh) {
		check(msh);
		try {
			return parser.parse(text);
		}
		catch (HL7Exception | RuntimeException ex) {
			throw new ParseFailure(AckError.reject(Hl7ErrorCode.DATA_TYPE_ERROR,
					"The message could not be parsed as HL7 v2 (segments and fields as ER7)", null));
		}
	}

	private static void check(MshHeader msh) {
		String encoding = msh.encodingCharacters();
		if (encoding.length() < 4 || encoding.length() > 5 || !distinctDelimiters(msh.fieldSeparator(), encoding)) {
			throw new ParseFailure(AckError.reject(Hl7ErrorCode.DATA_TYPE_ERROR,
					"MSH-1/MSH-2: the field separator and encoding characters must be distinct punctuation "
							+ "characters (usually |^~\\&)",
					ErrorLocation.field("MSH", 2)));
		}
		if (msh.type() == null || !msh.type().contains("^")) {
			throw new ParseFailure(AckError.reject(Hl7ErrorCode.REQUIRED_FIELD_MISSING,
					"MSH-9: the message type and trigger event are required", ErrorLocation.field("MSH", 9)));
		}
		if (msh.controlId() == null) {
			throw new ParseFailure(AckError.reject(Hl7ErrorCode.REQUIRED_FIELD_MISSING,
					"MSH-10: the message control id is required", ErrorLocation.field("MSH", 10)));
		}
		if (!msh.processingId().matches("[DPT]")) {
			throw new ParseFailure(AckError.reject(Hl7ErrorCode.UNSUPPORTED_PROCESSING_ID,
					"MSH-11: processing id must be P, T or D", ErrorLocation.field("MSH", 11)));
		}
		if (!msh.version().matches("2\\.(3|3\\.1|4|5|5\\.1)")) {
			throw new ParseFailure(AckError.reject(Hl7ErrorCode.UNSUPPORTED_VERSION_ID,
					"MSH-12: version 2.5.1 is supported (2.3 to 2.5 are read as 2.5.1)",
					ErrorLocation.field("MSH", 12)));
		}
	}

	private static boolean distinctDelimiters(char separator, String encoding) {
		String all = separator + encoding;
		for (int i = 0; i < all.length(); i++) {
			char c = all.charAt(i);
			if (Character.isLetterOrDigit(c) || Character.isWhitespace(c) || all.indexOf(c) != i) {
				return false;
			}
		}
		return true;
	}

	/** A message that could not be read, with the acknowledgement's error. */
	static final class ParseFailure extends RuntimeException {

		private final AckError error;

		ParseFailure(AckError error) {
			super(error.text(), null, false, false);
			this.error = error;
		}

		AckError error() {
			return error;
		}

	}

}
