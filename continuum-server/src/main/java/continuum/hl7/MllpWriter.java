package continuum.hl7;

import java.io.IOException;
import java.io.OutputStream;

/** Writes one MLLP frame (HL7 v2.5.1 Appendix C.4) in a single write, then flushes. */
final class MllpWriter {

	private MllpWriter() {
	}

	static void write(OutputStream out, byte[] message) throws IOException {
		byte[] frame = new byte[message.length + 3];
		frame[0] = MllpReader.START_BLOCK;
		System.arraycopy(message, 0, frame, 1, message.length);
		frame[frame.length - 2] = MllpReader.END_BLOCK;
		frame[frame.length - 1] = MllpReader.CARRIAGE_RETURN;
		out.write(frame);
		out.flush();
	}

}
