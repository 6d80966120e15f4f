package continuum.hl7;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MLLP framing (HL7 v2.5.1 Appendix C.4) over byte streams. */
class MllpReaderTests {

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	static MllpReader reader(String stream, int max) {
		return new MllpReader(new ByteArrayInputStream(bytes(stream)), max);
	}

	@Test
	void readsFramesOneAfterTheOtherAndSkipsBytesOutsideThem() throws Exception {
		MllpReader reader = reader("noise\u000bMSH|1\u001c\r\r\n\u000bMSH|2\u001c\r", 100);
		Frame first = reader.next();
		assertThat(first.kind()).isEqualTo(Frame.Kind.COMPLETE);
		assertThat(new String(first.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("MSH|1");
		assertThat(new String(reader.next().bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("MSH|2");
		assertThat(reader.next()).isNull();
		assertThat(reader.ended()).isTrue();
	}

	@Test
	void aNewStartBlockCutsTheFrameBeforeIt() throws Exception {
		MllpReader reader = reader("\u000bMSH|cut\u000bMSH|whole\u001c\r", 100);
		Frame cut = reader.next();
		assertThat(cut.kind()).isEqualTo(Frame.Kind.TRUNCATED);
		assertThat(new String(cut.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("MSH|cut");
		assertThat(reader.ended()).isFalse();
		Frame whole = reader.next();
		assertThat(whole.kind()).isEqualTo(Frame.Kind.COMPLETE);
		assertThat(new String(whole.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("MSH|whole");
	}

	@Test
	void theEndOfTheStreamInAFrameEndsTheReader() throws Exception {
		MllpReader reader = reader("\u000bMSH|half", 100);
		Frame frame = reader.next();
		assertThat(frame.kind()).isEqualTo(Frame.Kind.TRUNCATED);
		assertThat(reader.ended()).isTrue();
	}

	@Test
	void anOverSizeFrameKeepsItsFirstBytesAndTheNextFrameIsReadInStep() throws Exception {
		MllpReader reader = reader("\u000b" + "x".repeat(50) + "\u001c\r\u000bMSH|next\u001c\r", 20);
		Frame big = reader.next();
		assertThat(big.kind()).isEqualTo(Frame.Kind.OVERSIZE);
		assertThat(big.bytes()).hasSize(20);
		assertThat(reader.next().kind()).isEqualTo(Frame.Kind.COMPLETE);
	}

	@Test
	void anEndlessOverSizeFrameIsGivenUp() throws Exception {
		MllpReader reader = reader("\u000b" + "x".repeat(20 * 16 + 10), 20);
		assertThat(reader.next().kind()).isEqualTo(Frame.Kind.OVERSIZE);
		assertThat(reader.ended()).isTrue();
	}

	@Test
	void theWriterFramesWhatTheReaderReads() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		MllpWriter.write(out, bytes("MSH|é"));
		assertThat(out.toByteArray()).containsExactly(bytes("\u000bMSH|é\u001c\r"));
		Frame frame = new MllpReader(new ByteArrayInputStream(out.toByteArray()), 100).next();
		assertThat(frame.bytes()).containsExactly(bytes("MSH|é"));
	}

}
