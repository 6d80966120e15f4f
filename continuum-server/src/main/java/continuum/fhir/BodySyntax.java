package continuum.fhir;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.jspecify.annotations.Nullable;

/**
 * What HAPI's parser lets through in a request body without a word: bytes that are not
 * UTF-8 (it decodes them to U+FFFD, so a name would be stored garbled) and a JSON key
 * given twice in one object (it keeps the last, so the first value is silently lost). RFC
 * 8259 leaves duplicate keys to the receiver; a clinical record refuses them.
 */
final class BodySyntax {

	private static final JsonFactory STRICT_JSON = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private BodySyntax() {
	}

	/**
	 * Why the body is refused, or null when it is well-formed as far as these rules go.
	 * @param charset the one the client declared; UTF-8 (checked) when it declared none
	 */
	static @Nullable String problem(byte[] body, @Nullable Charset charset, boolean json) {
		if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
			CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			ByteBuffer bytes = ByteBuffer.wrap(body);
			try {
				utf8.decode(bytes);
			}
			catch (CharacterCodingException ex) {
				return "The request body is not valid UTF-8 (at byte " + bytes.position() + ")";
			}
		}
		return json ? jsonProblem(new String(body, charset == null ? StandardCharsets.UTF_8 : charset)) : null;
	}

	private static @Nullable String jsonProblem(String body) {
		try (JsonParser parser = STRICT_JSON.createParser(body)) {
			while (parser.nextToken() != null) {
				// reading every token is the check
			}
			return null;
		}
		catch (JsonProcessingException ex) {
			JsonLocation at = ex.getLocation();
			return "The request body is not acceptable JSON: " + ex.getOriginalMessage()
					+ (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
