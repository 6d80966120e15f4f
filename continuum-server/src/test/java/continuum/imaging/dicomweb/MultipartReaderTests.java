package continuum.imaging.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The STOW-RS body reader: parts come out byte for byte whatever they hold (bytes that
 * look like the start of a delimiter included), with their headers; a body cut short or
 * without delimiters is refused as malformed.
 */
class MultipartReaderTests {

	@Test
	void readsPartsByteForByteAndSkipsThePreamble() throws Exception {
		byte[] first = new byte[100_000];
		new Random(7).nextBytes(first);
		byte[] second = "\r\n--bound\r\n-- almost a delimiter\r\n--boun".getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes("preamble to ignore\r\n--boundary\r\nContent-Type: application/dicom\r\n\r\n".getBytes());
		body.writeBytes(first);
		body.writeBytes("\r\n--boundary\r\ncontent-type: application/dicom\r\nX-Other: 1\r\n\r\n".getBytes());
		body.writeBytes(second);
		body.writeBytes("\r\n--boundary--\r\nepilogue".getBytes());

		MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.toByteArray()), "boundary");
		List<byte[]> bodies = new ArrayList<>();
		List<String> types = new ArrayList<>();
		MultipartReader.Part part;
		while ((part = reader.next()) != null) {
			types.add(part.contentType());
			bodies.add(part.body().readAllBytes());
		}
		assertThat(types).containsExactly("application/dicom", "application/dicom");
		assertThat(bodies.get(0)).isEqualTo(first);
		assertThat(bodies.get(1)).isEqualTo(second);
	}

	@Test
	void skipsWhatAPartLeftUnread() throws Exception {
		String body = "--b\r\nContent-Type: a/b\r\n\r\nunread\r\n--b\r\nContent-Type: c/d\r\n\r\nread\r\n--b--";
		MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes()), "b");
		assertThat(reader.next().contentType()).isEqualTo("a/b");
		MultipartReader.Part second = reader.next();
		assertThat(new String(second.body().readAllBytes())).isEqualTo("read");
		assertThat(reader.next()).isNull();
	}

	@Test
	void refusesABodyCutShortOrWithoutDelimiters() {
		assertThatThrownBy(() -> readAll("--b\r\nContent-Type: a/b\r\n\r\nno end"))
			.isInstanceOf(MultipartReader.MalformedMultipartException.class);
		assertThatThrownBy(() -> readAll("no multipart at all"))
			.isInstanceOf(MultipartReader.MalformedMultipartException.class);
		assertThatThrownBy(() -> readAll("--b\r\nContent-Type a/b\r\n\r\nx\r\n--b--"))
			.isInstanceOf(MultipartReader.MalformedMultipartException.class);
	}

	private static void readAll(String body) throws Exception {
		MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes()), "b");
		MultipartReader.Part part;
		while ((part = reader.next()) != null) {
			part.body().readAllBytes();
		}
	}

}
