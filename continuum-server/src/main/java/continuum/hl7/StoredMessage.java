package continuum.hl7;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code hl7_message}: an inbound message as stored, with its raw bytes, its
 * state and the response it was answered with.
 */
record StoredMessage(long id, String link, @Nullable String peer, String sendingApplication, String sendingFacility,
		@Nullable String controlId, @Nullable String type, Instant receivedAt, @Nullable Instant processedAt,
		byte[] raw, String charset, MessageState state, @Nullable String ackCode, @Nullable String response,
		@Nullable Integer errorCode, @Nullable String errorText, @Nullable String errorLocation,
		@Nullable String patientId, @Nullable String patientIdentifier, int attempts) {

	/** The raw bytes as text in the message's character set (invalid bytes replaced). */
	String text() {
		return decode(raw, charset);
	}

	/**
	 * The text with segments one per line (the separator {@code \r} as a line break), for
	 * people.
	 */
	String segmentsPerLine() {
		return text().replace("\r\n", "\n").replace('\r', '\n');
	}

	static String decode(byte[] bytes, String charsetName) {
		Charset charset = Charset.isSupported(charsetName) ? Charset.forName(charsetName) : Charset.forName("UTF-8");
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalStateException("A replacing decoder cannot fail", ex);
		}
	}

}
